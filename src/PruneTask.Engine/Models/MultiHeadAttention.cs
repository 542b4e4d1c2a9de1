using PruneTask.Engine.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Scaled dot-product attention over heads (fused where libtorch's kernel applies, eager otherwise), with grouped key/value heads and an optional causal window.</summary>
internal static class MultiHeadAttention
{
    /// <summary>[B, T, heads·headDim] → [B, heads, T, headDim].</summary>
    public static Tensor SplitHeads(Tensor x, int heads, int headDim) =>
        x.view(x.shape[0], x.shape[1], heads, headDim).transpose(1, 2);

    /// <summary>
    /// query [B, H, T, D]; key and value [B, H/g, T, D], where query head h reads key/value head h / g.
    /// Returns [B, T, H·D]. Softmax runs in float32 as the reference does.
    /// </summary>
    /// <param name="slidingWindow">When set, token i attends only to tokens j with i − j &lt; window (Mistral).</param>
    /// <param name="keyValueHeadOf">When set, query head h reads key/value head keyValueHeadOf[h] instead (a shrunk block's uneven grouping).</param>
    public static Tensor Attend(Tensor query, Tensor key, Tensor value, double scale, bool causal, int? slidingWindow = null, IReadOnlyList<int>? keyValueHeadOf = null)
    {
        if (keyValueHeadOf is not null)
        {
            var map = tensor(keyValueHeadOf.Select(h => (long)h).ToArray(), dtype: ScalarType.Int64, device: key.device);
            key = key.index_select(1, map);
            value = value.index_select(1, map);
        }
        else if (query.shape[1] / key.shape[1] is var groups && groups > 1)
        {
            key = key.repeat_interleave(groups, dim: 1);
            value = value.repeat_interleave(groups, dim: 1);
        }

        if (scale == 1.0 / Math.Sqrt(query.shape[^1]))
        {
            return Fused(query, key, value, causal, slidingWindow);
        }

        // Explicit, kept-alive scalars: see RootedScalars for the TorchSharp 0.107 finalizer race they avoid.
        using var scaleScalar = scale.ToScalar();
        // Scaled and masked in place, and freed once softmaxed: the [batch, heads, T, T] scores are the largest
        // temporaries of a block (268 MB for 8 × 512 tokens and 32 heads), so one copy less each is worth it.
        var scores = query.matmul(key.transpose(-2, -1)).mul_(scaleScalar);
        if (causal)
        {
            scores.masked_fill_(CausalMask(query.shape[2], slidingWindow), RootedScalars.NegativeInfinity);
        }

        var probabilities = scores.softmax(-1, ScalarType.Float32);
        scores.Dispose();
        var output = probabilities.matmul(value);
        return output.transpose(1, 2).reshape(query.shape[0], query.shape[2], query.shape[1] * query.shape[3]);
    }

    /// <summary>
    /// libtorch's fused attention at its default scale 1/√headDim: it computes the softmax a block of keys at a time
    /// (in float32) and never materialises the [batch, heads, T, T] scores, which made the eager form several times slower.
    /// </summary>
    private static Tensor Fused(Tensor query, Tensor key, Tensor value, bool causal, int? slidingWindow)
    {
        using var allowed = causal && slidingWindow is not null ? CausalMask(query.shape[2], slidingWindow).logical_not() : null;
        var output = nn.functional.scaled_dot_product_attention(query, key, value, allowed, is_casual: causal && allowed is null);
        return output.transpose(1, 2).reshape(query.shape[0], query.shape[2], query.shape[1] * query.shape[3]);
    }

    /// <summary>True where attention is not allowed: later tokens, and tokens a window or more behind.</summary>
    public static Tensor CausalMask(long tokens, int? slidingWindow)
    {
        var allowed = ones(tokens, tokens, ScalarType.Bool, device: ComputeDevice.Current).tril();
        if (slidingWindow is { } window)
        {
            allowed = allowed.triu(-(window - 1));
        }

        return allowed.logical_not();
    }
}
