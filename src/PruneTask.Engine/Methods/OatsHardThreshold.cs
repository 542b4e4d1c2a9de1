using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS's sparse step: the best matrix with the budgeted support, i.e. the residual with its smallest entries zeroed.
/// The smallest |R| are chosen as <see cref="PruneMasks"/> chooses, so among equal magnitudes the lower column index is zeroed first.
/// </summary>
internal static class OatsHardThreshold
{
    public static torch.Tensor Apply(torch.Tensor residual, OatsBudget budget, NmPattern? pattern) =>
        pattern is { } nm ? KeepPerGroup(residual, nm) : KeepPerRow(residual, budget.KeptPerRow);

    /// <summary>Keeps the <paramref name="keptPerRow"/> largest |r| of every row.</summary>
    public static torch.Tensor KeepPerRow(torch.Tensor residual, int keptPerRow)
    {
        using var scope = torch.NewDisposeScope();
        var zeroed = PruneMasks.SmallestPerRow(residual.abs(), residual.shape[1] - keptPerRow);
        return residual.masked_fill(zeroed, RootedScalars.Zero).MoveToOuterDisposeScope();
    }

    /// <summary>Keeps the N largest |r| of every group of M consecutive columns of a row.</summary>
    public static torch.Tensor KeepPerGroup(torch.Tensor residual, NmPattern pattern)
    {
        using var scope = torch.NewDisposeScope();
        var zeroed = PruneMasks.SmallestPerGroup(residual.abs(), pattern);
        return residual.masked_fill(zeroed, RootedScalars.Zero).MoveToOuterDisposeScope();
    }
}
