using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Wanda (docs/methods.md §1): score |W_ij| · sqrt(G_jj / n_seq); unstructured pruning zeroes the floor(s · d_in)
/// lowest scores of every row, N:M the M − N lowest of every group. Ties go to the lower column, kept weights are
/// bit-identical copies, and dead inputs (G_jj = 0) are always zeroed.
/// </summary>
public sealed class Wanda() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.Wanda;

    /// <summary>Takes a sparsity or a pattern.</summary>
    public override PrunedLayer Prune(LayerPruneRequest request) => request.Target switch
    {
        PruneTarget.Pattern pattern => Prune(request.Weight, request.RequireStatistics(MethodName), pattern.Ratio),
        PruneTarget.Sparsity sparsity => Prune(request.Weight, request.RequireStatistics(MethodName), sparsity.Fraction),
        _ => throw request.TargetNotAccepted(),
    };

    public static PrunedLayer Prune(torch.Tensor weight, LayerStatistics statistics, double sparsity)
    {
        MethodInputs.CheckStatistics(weight, statistics);
        using var scope = torch.NewDisposeScope();
        var scores = MethodInputs.WandaScores(weight, statistics.SquaredNorms, statistics.Sequences);
        var mask = PruneMasks.SmallestPerRow(scores, PruneMasks.CountFor(sparsity, weight.shape[1]));
        return Apply(weight, mask, statistics);
    }

    public static PrunedLayer Prune(torch.Tensor weight, LayerStatistics statistics, NmPattern pattern)
    {
        MethodInputs.CheckStatistics(weight, statistics);
        using var scope = torch.NewDisposeScope();
        var scores = MethodInputs.WandaScores(weight, statistics.SquaredNorms, statistics.Sequences);
        return Apply(weight, PruneMasks.SmallestPerGroup(scores, pattern), statistics);
    }

    private static PrunedLayer Apply(torch.Tensor weight, torch.Tensor mask, LayerStatistics statistics)
    {
        var pruned = mask.logical_or(MethodInputs.DeadInputs(statistics.SquaredNorms).unsqueeze(0));
        return new PrunedLayer(weight.masked_fill(pruned, RootedScalars.Zero).MoveToOuterDisposeScope());
    }
}
