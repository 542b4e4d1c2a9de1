using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of an OPT decoder, as <see cref="OptModel"/> and its <see cref="ResidualBlock"/>s compute it: token embedding
/// (through project_in when word_embed_proj_dim differs), learned positions at offset 2, pre- or post-LayerNorm blocks
/// with a ReLU (or configured) MLP, final LayerNorm when pre-LN, project_out, lm_head or the tied embedding.
/// </summary>
internal static class OptOnnxGraph
{
    public static void Build(OnnxDecoder decoder, OptModel model, FactoredWeights? factored)
    {
        var (graph, config, settings, prefix) = (decoder.Graph, model.Config, model.Settings, model.Prefix);
        var tokens = decoder.EmbedTokens(model);
        if (settings.HasProjections(config))
        {
            graph.Scope = prefix + "project_in";
            tokens = decoder.Project(tokens, model.Weights, prefix + "project_in.weight");
        }

        graph.Scope = prefix + "embed_positions";
        var rows = graph.Node("Add", [decoder.Positions, graph.Ints([OptSettings.PositionOffset], scalar: true)]);
        var hidden = graph.Node("Add", [tokens, decoder.Lookup(model.Weights, prefix + "embed_positions.weight", rows)]);
        var before = settings.LayerNormBefore;
        foreach (var block in decoder.Blocks(model, factored))
        {
            graph.Scope = block.Name + ".self_attn";
            var attentionNorm = block.Name + ".self_attn_layer_norm";
            var attended = graph.Node("Add", [hidden, decoder.SelfAttention(
                block.Linears, before ? Norm(decoder, model, attentionNorm, hidden) : hidden, block.Shape, config.HeadDim, 1.0 / Math.Sqrt(config.HeadDim))]);
            if (!before)
            {
                attended = Norm(decoder, model, attentionNorm, attended);
            }

            graph.Scope = block.Name + ".mlp";
            var mlpNorm = block.Name + ".final_layer_norm";
            var inner = decoder.Activation(block.Linears.Output(LinearRole.Up, before ? Norm(decoder, model, mlpNorm, attended) : attended), settings.Activation);
            hidden = graph.Node("Add", [attended, block.Linears.Output(LinearRole.Down, inner)]);
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
            hidden = decoder.Project(hidden, model.Weights, prefix + "project_out.weight");
        }

        decoder.Head(hidden, model);
    }

    private static string Norm(OnnxDecoder decoder, OptModel model, string name, string x) =>
        decoder.LayerNorm(x, model.Weights, name, model.Settings.LayerNormAffine, model.Config.HiddenSize, OptSettings.LayerNormEps);
}
