using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// A block's multi-head self-attention over its Query, Key, Value and Output linears, whether q, k and v are separate
/// linears or the parts of one fused linear; rotary positions where the family has them.
/// </summary>
/// <param name="Heads">Query heads.</param>
/// <param name="KeyValueHeads">Key/value heads: fewer than <paramref name="Heads"/> with grouped-query attention.</param>
internal sealed record SelfAttention(int Heads, int KeyValueHeads, int HeadDim)
{
    /// <summary>The factor on q·kᵀ: 1/√head_dim unless the family says otherwise (GPT-2).</summary>
    public double Scale { get; init; } = 1.0 / Math.Sqrt(HeadDim);

    public bool Causal { get; init; } = true;

    public RotaryEmbedding? Rotary { get; init; }

    /// <summary>See <see cref="MultiHeadAttention.Attend"/>.</summary>
    public int? SlidingWindow { get; init; }

    /// <summary>See <see cref="MultiHeadAttention.Attend"/>.</summary>
    public IReadOnlyList<int>? KeyValueHeadOf { get; init; }

    /// <summary>Attention in which every query head has a key and value head of its own.</summary>
    public static SelfAttention PerHead(int heads, int headDim) => new(heads, heads, headDim);

    /// <summary>Grouped-query attention over a (possibly shrunk) decoder block's heads.</summary>
    public static SelfAttention Grouped(BlockShape shape, int headDim) =>
        new(shape.NumHeads, shape.NumKeyValueHeads, headDim) { KeyValueHeadOf = shape.IsEvenlyGrouped ? null : shape.KeyValueHeadOf };

    public Tensor Apply(IReadOnlyList<LinearLayer> linears, Tensor x)
    {
        var outputs = LinearOutputs.ByRole(linears, x, LinearRole.Query, LinearRole.Key, LinearRole.Value);
        var query = MultiHeadAttention.SplitHeads(outputs[0], Heads, HeadDim);
        var key = MultiHeadAttention.SplitHeads(outputs[1], KeyValueHeads, HeadDim);
        var value = MultiHeadAttention.SplitHeads(outputs[2], KeyValueHeads, HeadDim);
        if (Rotary is { } rotary)
        {
            var (cos, sin) = rotary.Angles(x.shape[1]);
            query = RotaryEmbedding.Apply(query, cos, sin);
            key = RotaryEmbedding.Apply(key, cos, sin);
        }

        var heads = MultiHeadAttention.Attend(query, key, value, Scale, Causal, SlidingWindow, KeyValueHeadOf);
        return LinearOutputs.Single(linears, LinearRole.Output).call(heads);
    }
}
