using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of GPT-2, as <see cref="Gpt2Model"/> and its <see cref="ResidualBlock"/>s compute it: wte plus wpe at
/// positions 0..T-1; per block ln_1, the fused c_attn read by its query, key and value parts, c_proj, ln_2, c_fc, the
/// activation (gelu_new) and the MLP's c_proj; ln_f and lm_head or the tied wte. Conv1D weights ([in, out]) are read
/// as [out, in] like every linear, so the graph's matrices are oriented alike.
/// </summary>
internal sealed class Gpt2OnnxGraph(OnnxDecoder decoder, Gpt2Model model) : DecoderGraph<Gpt2Settings>(decoder, model)
{
    protected override string Embed(string tokens)
    {
        Graph.Scope = Prefix + "wpe";
        return Graph.Node("Add", [tokens, Decoder.Lookup(Weights, Prefix + "wpe.weight", Decoder.Positions)]);
    }

    protected override string Block(OnnxBlock block, string hidden)
    {
        Graph.Scope = block.Name + ".attn";
        var attention = Decoder.SelfAttention(
            block.Linears, Norm(block.Name + ".ln_1", hidden), block.Shape, Config.HeadDim, Settings.AttentionScale(Config.HeadDim, block.Index));
        hidden = Graph.Node("Add", [hidden, attention]);
        Graph.Scope = block.Name + ".mlp";
        var inner = Decoder.Activation(block.Linears.Output(LinearRole.Up, Norm(block.Name + ".ln_2", hidden)), Settings.Activation);
        return Graph.Node("Add", [hidden, block.Linears.Output(LinearRole.Down, inner)]);
    }

    protected override string Final(string hidden)
    {
        Graph.Scope = Prefix + "ln_f";
        return Norm(Prefix + "ln_f", hidden);
    }

    private string Norm(string name, string x) => Decoder.LayerNorm(x, Weights, name, affine: true, Config.HiddenSize, Settings.LayerNormEps);
}
