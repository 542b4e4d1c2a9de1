using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of a Llama-family decoder (Llama, Mistral, Qwen2, Phi-3), as <see cref="LlamaModel"/> and its
/// <see cref="ResidualBlock"/>s compute it: token embedding; per block RMSNorm, rotary attention with grouped key/value
/// heads (and Mistral's or Phi-3's sliding window), SwiGLU MLP; final RMSNorm and lm_head or the tied embedding. Fused
/// linears (Phi-3) are read by their parts.
/// </summary>
internal sealed class LlamaOnnxGraph(OnnxDecoder decoder, LlamaModel model) : DecoderGraph<LlamaSettings>(decoder, model)
{
    private (string Cos, string Sin) _angles;

    /// <summary>The tokens as they are; the rotary angles every block uses are computed once, here.</summary>
    protected override string Embed(string tokens)
    {
        Graph.Scope = Prefix + "rotary_emb";
        _angles = Decoder.RotaryAngles(new RotaryEmbedding(Config.HeadDim, Settings.RopeTheta, Settings.RopeScaling).InverseFrequencies);
        return tokens;
    }

    protected override string Block(OnnxBlock block, string hidden)
    {
        Graph.Scope = block.Name + ".self_attn";
        var normed = Decoder.RmsNorm(hidden, Weights, block.Name + ".input_layernorm.weight", Settings.RmsNormEps);
        hidden = Graph.Node("Add", [hidden, Decoder.SelfAttention(
            block.Linears, normed, block.Shape, Config.HeadDim, 1.0 / Math.Sqrt(Config.HeadDim), _angles, Settings.SlidingWindow)]);
        Graph.Scope = block.Name + ".mlp";
        normed = Decoder.RmsNorm(hidden, Weights, block.Name + ".post_attention_layernorm.weight", Settings.RmsNormEps);
        var gated = Graph.Node("Mul", [Decoder.Activation(block.Linears.Output(LinearRole.Gate, normed), "silu"), block.Linears.Output(LinearRole.Up, normed)]);
        return Graph.Node("Add", [hidden, block.Linears.Output(LinearRole.Down, gated)]);
    }

    protected override string Final(string hidden)
    {
        Graph.Scope = Prefix + "norm";
        return Decoder.RmsNorm(hidden, Weights, Prefix + "norm.weight", Settings.RmsNormEps);
    }
}
