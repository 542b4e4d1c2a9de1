using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Wanda (docs/methods.md §1): score |W_ij| · sqrt(G_jj / n_seq); unstructured pruning zeroes the floor(s · d_in)
/// lowest scores of every row, N:M the M − N lowest of every group. Ties go to the lower column, kept weights are
/// bit-identical copies, and dead inputs (G_jj = 0) are always zeroed.
/// </summary>
public sealed class Wanda : IPruningMethod
{
    public const string MethodName = "wanda";

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.Diagonal;

    /// <summary>A pattern, when given, wins over the sparsity.</summary>
    public PrunedLayer Prune(LayerPruneRequest request)
    {
        var statistics = request.RequireStatistics(MethodName);
        return request.Pattern is { } pattern
            ? Prune(request.Weight, statistics, pattern)
            : Prune(request.Weight, statistics, request.RequireSparsity(MethodName));
    }

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
