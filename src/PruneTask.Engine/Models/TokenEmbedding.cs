using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Looks token ids up in an embedding table, after checking that they are ids the table has.</summary>
internal static class TokenEmbedding
{
    /// <param name="table">float32 [vocab, width].</param>
    /// <param name="ids">integer [B, T].</param>
    /// <returns>float32 [B, T, width].</returns>
    public static Tensor Lookup(Tensor table, Tensor ids)
    {
        if (ids.dim() != 2 || ids.dtype is not (ScalarType.Int64 or ScalarType.Int32))
        {
            throw new ArgumentException($"Token ids must be an int64 tensor [batch, tokens], not {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        }

        var vocabulary = table.shape[0];
        if (ids.numel() > 0 && (ids.min().item<long>() < 0 || ids.max().item<long>() >= vocabulary))
        {
            throw new ArgumentException($"Token ids must lie in [0, {vocabulary}).", nameof(ids));
        }

        return table.index_select(0, ids.flatten().to(ScalarType.Int64)).view(ids.shape[0], ids.shape[1], table.shape[1]);
    }
}
