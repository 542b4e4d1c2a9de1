using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of GPT-2, as <see cref="Gpt2Model"/> and <see cref="Gpt2Block"/> compute it: wte plus wpe at positions
/// 0..T-1; per block ln_1, the fused c_attn read by its query, key and value parts, c_proj, ln_2, c_fc, the activation
/// (gelu_new) and the MLP's c_proj; ln_f and lm_head or the tied wte. Conv1D weights ([in, out]) are read as [out, in]
/// like every linear, so the graph's matrices are oriented alike.
/// </summary>
internal static class Gpt2OnnxGraph
{
    public static void Build(OnnxDecoder decoder, Gpt2Model model, FactoredWeights? factored)
    {
        var (graph, config, settings, weights) = (decoder.Graph, model.Config, model.Settings, model.Weights);
        var prefix = Gpt2Architecture.Prefix(weights);
        var shapes = BlockShapes.Read(config);
        var table = prefix + "wte.weight";
        graph.Scope = prefix + "wte";
        var tokens = decoder.Lookup(weights, table, OnnxDecoder.InputIds);
        graph.Scope = prefix + "wpe";
        var hidden = graph.Node("Add", [tokens, decoder.Lookup(weights, prefix + "wpe.weight", decoder.Positions)]);

        foreach (var block in model.Blocks)
        {
            var name = $"{prefix}h.{block.Index}";
            var linears = new OnnxBlockLinears(decoder, block, factored);
            graph.Scope = name + ".attn";
            var attention = decoder.SelfAttention(
                linears, decoder.LayerNorm(hidden, weights, name + ".ln_1", affine: true, config.HiddenSize, settings.LayerNormEps), shapes[block.Index], config.HeadDim, settings.AttentionScale(config.HeadDim, block.Index));
            hidden = graph.Node("Add", [hidden, attention]);
            graph.Scope = name + ".mlp";
            var inner = decoder.Activation(linears.Output(LinearRole.Up, decoder.LayerNorm(hidden, weights, name + ".ln_2", affine: true, config.HiddenSize, settings.LayerNormEps)), settings.Activation);
            hidden = graph.Node("Add", [hidden, linears.Output(LinearRole.Down, inner)]);
        }

        graph.Scope = prefix + "ln_f";
        hidden = decoder.LayerNorm(hidden, weights, prefix + "ln_f", affine: true, config.HiddenSize, settings.LayerNormEps);
        decoder.Head(hidden, weights, table, config.TieWordEmbeddings);
    }
}
