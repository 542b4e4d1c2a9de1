using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Contiguous blocks of a consumer layer's input columns that structured pruning keeps or removes together: single
/// columns for MLP neurons (size 1), head_dim-wide blocks in head order for attention heads.
/// </summary>
public readonly record struct InputGroups(int Count, int Size)
{
    public long Features => (long)Count * Size;

    public static InputGroups Of(long inputFeatures, int groupSize)
    {
        if (groupSize <= 0 || inputFeatures % groupSize != 0)
        {
            throw new ArgumentException($"Group size {groupSize} must be positive and divide d_in = {inputFeatures}.");
        }

        return new InputGroups((int)(inputFeatures / groupSize), groupSize);
    }

    /// <summary>K = floor(groups·keep), computed as the reference's int(G·(1 − sparsity)).</summary>
    public int KeptFor(double keep)
    {
        if (keep is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keep), keep, "The kept fraction of groups must lie in [0, 1].");
        }

        return (int)Math.Floor(Count * keep);
    }

    /// <summary>The input column indices of the given groups, in group order (int64).</summary>
    public torch.Tensor Columns(IEnumerable<int> groups, torch.Device device)
    {
        var size = Size;
        var columns = groups.SelectMany(g => Enumerable.Range(0, size).Select(i => (long)g * size + i)).ToArray();
        return torch.tensor(columns, dtype: torch.int64, device: device);
    }

    /// <summary>Square [in, in] → its diagonal blocks [Count, Size, Size].</summary>
    public torch.Tensor DiagonalBlocks(torch.Tensor square) =>
        square.reshape(Count, Size, Count, Size).diagonal(0, 0, 2).permute(2, 0, 1);

    /// <summary>Rows [in, cols] → [Count, Size, cols].</summary>
    public torch.Tensor RowBlocks(torch.Tensor rows) => rows.reshape(Count, Size, rows.shape[1]);
}
