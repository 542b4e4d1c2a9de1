using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of GPT-2, as <see cref="Gpt2Model"/> and its <see cref="ResidualBlock"/>s compute it: wte plus wpe at
/// positions 0..T-1; per block ln_1, the fused c_attn read by its query, key and value parts, c_proj, ln_2, c_fc, the
/// activation (gelu_new) and the MLP's c_proj; ln_f and lm_head or the tied wte. Conv1D weights ([in, out]) are read
/// as [out, in] like every linear, so the graph's matrices are oriented alike.
/// </summary>
internal static class Gpt2OnnxGraph
{
    public static void Build(OnnxDecoder decoder, Gpt2Model model, FactoredWeights? factored)
    {
        var (graph, config, settings, prefix) = (decoder.Graph, model.Config, model.Settings, model.Prefix);
        var tokens = decoder.EmbedTokens(model);
        graph.Scope = prefix + "wpe";
        var hidden = graph.Node("Add", [tokens, decoder.Lookup(model.Weights, prefix + "wpe.weight", decoder.Positions)]);
        string Norm(string name, string x) => decoder.LayerNorm(x, model.Weights, name, affine: true, config.HiddenSize, settings.LayerNormEps);

        foreach (var block in decoder.Blocks(model, factored))
        {
            graph.Scope = block.Name + ".attn";
            var attention = decoder.SelfAttention(
                block.Linears, Norm(block.Name + ".ln_1", hidden), block.Shape, config.HeadDim, settings.AttentionScale(config.HeadDim, block.Index));
            hidden = graph.Node("Add", [hidden, attention]);
            graph.Scope = block.Name + ".mlp";
            var inner = decoder.Activation(block.Linears.Output(LinearRole.Up, Norm(block.Name + ".ln_2", hidden)), settings.Activation);
            hidden = graph.Node("Add", [hidden, block.Linears.Output(LinearRole.Down, inner)]);
        }

        graph.Scope = prefix + "ln_f";
        decoder.Head(Norm(prefix + "ln_f", hidden), model);
    }
}
