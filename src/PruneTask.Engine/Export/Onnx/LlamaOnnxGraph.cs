using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of a Llama-family decoder (Llama, Mistral, Qwen2, Phi-3), as <see cref="LlamaModel"/> and its
/// <see cref="ResidualBlock"/>s compute it: token embedding; per block RMSNorm, rotary attention with grouped key/value
/// heads (and Mistral's or Phi-3's sliding window), SwiGLU MLP; final RMSNorm and lm_head or the tied embedding. Fused
/// linears (Phi-3) are read by their parts.
/// </summary>
internal static class LlamaOnnxGraph
{
    public static void Build(OnnxDecoder decoder, LlamaModel model, FactoredWeights? factored)
    {
        var (graph, config, settings, weights) = (decoder.Graph, model.Config, model.Settings, model.Weights);
        var hidden = decoder.EmbedTokens(model);
        graph.Scope = model.Prefix + "rotary_emb";
        var angles = decoder.RotaryAngles(new RotaryEmbedding(config.HeadDim, settings.RopeTheta, settings.RopeScaling).InverseFrequencies);
        foreach (var block in decoder.Blocks(model, factored))
        {
            graph.Scope = block.Name + ".self_attn";
            var normed = decoder.RmsNorm(hidden, weights, block.Name + ".input_layernorm.weight", settings.RmsNormEps);
            hidden = graph.Node("Add", [hidden, decoder.SelfAttention(
                block.Linears, normed, block.Shape, config.HeadDim, 1.0 / Math.Sqrt(config.HeadDim), angles, settings.SlidingWindow)]);
            graph.Scope = block.Name + ".mlp";
            normed = decoder.RmsNorm(hidden, weights, block.Name + ".post_attention_layernorm.weight", settings.RmsNormEps);
            var gated = graph.Node("Mul", [decoder.Activation(block.Linears.Output(LinearRole.Gate, normed), "silu"), block.Linears.Output(LinearRole.Up, normed)]);
            hidden = graph.Node("Add", [hidden, block.Linears.Output(LinearRole.Down, gated)]);
        }

        graph.Scope = model.Prefix + "norm";
        decoder.Head(decoder.RmsNorm(hidden, weights, model.Prefix + "norm.weight", settings.RmsNormEps), model);
    }
}
