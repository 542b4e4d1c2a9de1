using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of an OPT decoder, as <see cref="OptModel"/> and its <see cref="ResidualBlock"/>s compute it: token embedding
/// (through project_in when word_embed_proj_dim differs), learned positions at offset 2, pre- or post-LayerNorm blocks
/// with a ReLU (or configured) MLP, final LayerNorm when pre-LN, project_out, lm_head or the tied embedding.
/// </summary>
internal sealed class OptOnnxGraph(OnnxDecoder decoder, OptModel model) : DecoderGraph<OptSettings>(decoder, model)
{
    protected override string Embed(string tokens)
    {
        if (Settings.HasProjections(Config))
        {
            Graph.Scope = Prefix + "project_in";
            tokens = Decoder.Project(tokens, Weights, Prefix + "project_in.weight");
        }

        Graph.Scope = Prefix + "embed_positions";
        var rows = Graph.Node("Add", [Decoder.Positions, Graph.Ints([OptSettings.PositionOffset], scalar: true)]);
        return Graph.Node("Add", [tokens, Decoder.Lookup(Weights, Prefix + "embed_positions.weight", rows)]);
    }

    protected override string Block(OnnxBlock block, string hidden)
    {
        var before = Settings.LayerNormBefore;
        Graph.Scope = block.Name + ".self_attn";
        var attentionNorm = block.Name + ".self_attn_layer_norm";
        var attended = Graph.Node("Add", [hidden, Decoder.SelfAttention(
            block.Linears, before ? Norm(attentionNorm, hidden) : hidden, block.Shape, Config.HeadDim, 1.0 / Math.Sqrt(Config.HeadDim))]);
        if (!before)
        {
            attended = Norm(attentionNorm, attended);
        }

        Graph.Scope = block.Name + ".mlp";
        var mlpNorm = block.Name + ".final_layer_norm";
        var inner = Decoder.Activation(block.Linears.Output(LinearRole.Up, before ? Norm(mlpNorm, attended) : attended), Settings.Activation);
        var output = Graph.Node("Add", [attended, block.Linears.Output(LinearRole.Down, inner)]);
        return before ? output : Norm(mlpNorm, output);
    }

    protected override string Final(string hidden)
    {
        if (Settings.FinalLayerNorm)
        {
            Graph.Scope = Prefix + "final_layer_norm";
            hidden = Norm(Prefix + "final_layer_norm", hidden);
        }

        if (Settings.HasProjections(Config))
        {
            Graph.Scope = Prefix + "project_out";
            hidden = Decoder.Project(hidden, Weights, Prefix + "project_out.weight");
        }

        return hidden;
    }

    private string Norm(string name, string x) =>
        Decoder.LayerNorm(x, Weights, name, Settings.LayerNormAffine, Config.HiddenSize, OptSettings.LayerNormEps);
}
