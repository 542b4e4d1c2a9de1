using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS's sparse step: the best matrix with the budgeted support, i.e. the residual with its smallest entries zeroed.
/// Orders come from a stable ascending sort of |R|, so among equal magnitudes the lower column index is zeroed first.
/// </summary>
internal static class OatsHardThreshold
{
    public static torch.Tensor Apply(torch.Tensor residual, OatsBudget budget, NmPattern? pattern) =>
        pattern is { } nm ? KeepPerGroup(residual, nm) : KeepPerRow(residual, budget.KeptPerRow);

    /// <summary>Keeps the <paramref name="keptPerRow"/> largest |r| of every row.</summary>
    public static torch.Tensor KeepPerRow(torch.Tensor residual, int keptPerRow)
    {
        var zeroed = residual.shape[1] - keptPerRow;
        return ZeroSmallest(residual, dim: 1, zeroed);
    }

    /// <summary>Keeps the N largest |r| of every group of M consecutive columns of a row.</summary>
    public static torch.Tensor KeepPerGroup(torch.Tensor residual, NmPattern pattern)
    {
        using var scope = torch.NewDisposeScope();
        var (rows, columns) = (residual.shape[0], residual.shape[1]);
        var grouped = residual.reshape(rows, columns / pattern.M, pattern.M);
        return ZeroSmallest(grouped, dim: 2, pattern.ZeroedPerGroup).reshape(rows, columns).MoveToOuterDisposeScope();
    }

    private static torch.Tensor ZeroSmallest(torch.Tensor values, long dim, long count)
    {
        if (count <= 0)
        {
            return values.clone();
        }

        using var scope = torch.NewDisposeScope();
        var order = values.abs().sort(dim, stable: true).Indices.narrow(dim, 0, count);
        return values.scatter(dim, order, torch.zeros_like(order, dtype: values.dtype)).MoveToOuterDisposeScope();
    }
}
