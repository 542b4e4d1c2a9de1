using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of a Llama-family decoder (Llama, Mistral, Qwen2, Phi-3): token embedding; per block RMSNorm, rotary
/// attention with grouped key/value heads (and Mistral's or Phi-3's sliding window), SwiGLU MLP; final RMSNorm and
/// lm_head or the tied embedding. Fused linears (Phi-3) are read by their parts, as <see cref="LlamaBlock"/> and
/// Phi3Block read them.
/// </summary>
internal static class LlamaOnnxGraph
{
    public static void Build(OnnxDecoder decoder, LlamaModel model, FactoredWeights? factored)
    {
        var (graph, config, settings, weights) = (decoder.Graph, model.Config, model.Settings, model.Weights);
        var prefix = LlamaArchitecture.Prefix(weights);
        var shapes = BlockShapes.Read(config);
        var table = prefix + "embed_tokens.weight";
        graph.Scope = prefix + "embed_tokens";
        var hidden = decoder.Lookup(weights, table, OnnxDecoder.InputIds);

        graph.Scope = prefix + "rotary_emb";
        var angles = decoder.RotaryAngles(new RotaryEmbedding(config.HeadDim, settings.RopeTheta, settings.RopeScaling).InverseFrequencies);
        foreach (var block in model.Blocks)
        {
            var name = $"{prefix}layers.{block.Index}";
            var linears = new OnnxBlockLinears(decoder, block, factored);
            graph.Scope = name + ".self_attn";
            var attention = decoder.SelfAttention(
                linears, decoder.RmsNorm(hidden, weights, name + ".input_layernorm.weight", settings.RmsNormEps), shapes[block.Index], config.HeadDim,
                1.0 / Math.Sqrt(config.HeadDim), angles, settings.SlidingWindow);
            hidden = graph.Node("Add", [hidden, attention]);
            graph.Scope = name + ".mlp";
            var normed = decoder.RmsNorm(hidden, weights, name + ".post_attention_layernorm.weight", settings.RmsNormEps);
            var gated = graph.Node("Mul", [decoder.Activation(linears.Output(LinearRole.Gate, normed), "silu"), linears.Output(LinearRole.Up, normed)]);
            hidden = graph.Node("Add", [hidden, linears.Output(LinearRole.Down, gated)]);
        }

        graph.Scope = prefix + "norm";
        hidden = decoder.RmsNorm(hidden, weights, prefix + "norm.weight", settings.RmsNormEps);
        decoder.Head(hidden, weights, table, config.TieWordEmbeddings);
    }
}
