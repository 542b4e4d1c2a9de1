using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Looks token ids up in an embedding table, after checking that they are ids the table has.</summary>
internal static class TokenEmbedding
{
    /// <param name="table">[vocab, width], any floating dtype; only the looked-up rows are read as float32.</param>
    /// <param name="ids">integer [B, T].</param>
    /// <returns>float32 [B, T, width].</returns>
    public static Tensor Lookup(LazyTensor table, Tensor ids, long vocabulary)
    {
        if (ids.dim() != 2 || ids.dtype is not (ScalarType.Int64 or ScalarType.Int32))
        {
            throw new ArgumentException($"Token ids must be an int64 tensor [batch, tokens], not {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        }

        if (ids.numel() > 0 && (ids.min().item<long>() < 0 || ids.max().item<long>() >= vocabulary))
        {
            throw new ArgumentException($"Token ids must lie in [0, {vocabulary}).", nameof(ids));
        }

        var rows = table.Rows(ids.flatten().to(ScalarType.Int64));
        return rows.view(ids.shape[0], ids.shape[1], rows.shape[1]);
    }
}
