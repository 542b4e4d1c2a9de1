using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Bidirectional multi-head self-attention over separate query, key and value linears and an output linear (ViT, DINOv2).</summary>
internal static class EncoderAttention
{
    public static Tensor Apply(IReadOnlyList<LinearLayer> linears, ModelConfig config, Tensor x)
    {
        Tensor Heads(LinearRole role) => MultiHeadAttention.SplitHeads(ByRole(linears, role).call(x), config.NumHeads, config.HeadDim);
        var heads = MultiHeadAttention.Attend(Heads(LinearRole.Query), Heads(LinearRole.Key), Heads(LinearRole.Value), 1.0 / Math.Sqrt(config.HeadDim), causal: false);
        return ByRole(linears, LinearRole.Output).call(heads);
    }

    public static LinearLayer ByRole(IReadOnlyList<LinearLayer> linears, LinearRole role) => linears.Single(l => l.Spec.Role == role);
}
