using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of an OPT decoder, as <see cref="OptModel"/> and <see cref="OptBlock"/> compute it: token embedding
/// (through project_in when word_embed_proj_dim differs), learned positions at offset 2, pre- or post-LayerNorm blocks
/// with a ReLU (or configured) MLP, final LayerNorm when pre-LN, project_out, lm_head or the tied embedding.
/// </summary>
internal static class OptOnnxGraph
{
    public static void Build(OnnxDecoder decoder, OptModel model, FactoredWeights? factored)
    {
        var (graph, config, settings, weights) = (decoder.Graph, model.Config, model.Settings, model.Weights);
        var prefix = OptArchitecture.Prefix(weights);
        var shapes = BlockShapes.Read(config);
        var table = prefix + "embed_tokens.weight";
        graph.Scope = prefix + "embed_tokens";
        var tokens = decoder.Lookup(weights, table, OnnxDecoder.InputIds);

        if (settings.HasProjections(config))
        {
            graph.Scope = prefix + "project_in";
            tokens = decoder.Project(tokens, weights, prefix + "project_in.weight");
        }

        graph.Scope = prefix + "embed_positions";
        var rows = graph.Node("Add", [decoder.Positions, graph.Ints([OptSettings.PositionOffset], scalar: true)]);
        var positions = decoder.Lookup(weights, prefix + "embed_positions.weight", rows);

        var hidden = graph.Node("Add", [tokens, positions]);
        var before = settings.LayerNormBefore;
        foreach (var block in model.Blocks)
        {
            var name = $"{prefix}layers.{block.Index}";
            var linears = new OnnxBlockLinears(decoder, block, factored);
            graph.Scope = name + ".self_attn";
            var attentionNorm = name + ".self_attn_layer_norm";
            var attended = graph.Node("Add", [hidden, decoder.SelfAttention(
                linears, before ? Norm(decoder, model, attentionNorm, hidden) : hidden, shapes[block.Index], config.HeadDim, 1.0 / Math.Sqrt(config.HeadDim))]);
            if (!before)
            {
                attended = Norm(decoder, model, attentionNorm, attended);
            }

            graph.Scope = name + ".mlp";
            var mlpNorm = name + ".final_layer_norm";
            var inner = decoder.Activation(linears.Output(LinearRole.Up, before ? Norm(decoder, model, mlpNorm, attended) : attended), settings.Activation);
            hidden = graph.Node("Add", [attended, linears.Output(LinearRole.Down, inner)]);
            if (!before)
            {
                hidden = Norm(decoder, model, mlpNorm, hidden);
            }
        }

        if (settings.FinalLayerNorm)
        {
            graph.Scope = prefix + "final_layer_norm";
            hidden = Norm(decoder, model, prefix + "final_layer_norm", hidden);
        }

        if (settings.HasProjections(config))
        {
            graph.Scope = prefix + "project_out";
            hidden = decoder.Project(hidden, weights, prefix + "project_out.weight");
        }

        decoder.Head(hidden, weights, table, config.TieWordEmbeddings);
    }

    private static string Norm(OnnxDecoder decoder, OptModel model, string name, string x) =>
        decoder.LayerNorm(x, model.Weights, name, model.Settings.LayerNormAffine, model.Config.HiddenSize, OptSettings.LayerNormEps);
}
