using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS's alternating thresholding on one scaled matrix Wt = W·D (docs/methods.md §4): starting from S = 0, each iteration
/// takes the best rank-r approximation L of Wt − S, then the best budgeted sparse S of Wt − L. Both half-steps minimise
/// ‖Wt − L − S‖_F over their block, so with the exact SVD the recorded objective never increases.
/// </summary>
internal static class OatsAlternation
{
    /// <param name="scaled">Wt [rows, in], float32.</param>
    /// <param name="inverseScale">D⁻¹ [in], with 0 for dead features so that their columns come out zero.</param>
    public static OatsPart Run(torch.Tensor scaled, torch.Tensor inverseScale, OatsOptions options, torch.Generator sketches)
    {
        var budget = OatsBudget.For(scaled.shape[0], scaled.shape[1], options);
        var objectives = new List<double>(options.Iterations);
        var sparse = torch.zeros_like(scaled);
        var lowRank = TruncatedSvd.Zero(scaled);
        try
        {
            for (var i = 0; i < options.Iterations; i++)
            {
                using var step = torch.NewDisposeScope();
                var svd = LowRank(scaled - sparse, budget.Rank, options.Svd, sketches);
                var residual = svd.ResidualOf(scaled);
                var next = OatsHardThreshold.Apply(residual, budget, options.Pattern);
                objectives.Add((residual - next).norm().ToDouble());
                (sparse, var previousSparse) = (next.MoveToOuterDisposeScope(), sparse);
                (lowRank, var previousLowRank) = (svd.MoveToOuterDisposeScope(), lowRank);
                previousSparse.Dispose();
                previousLowRank.Dispose();
            }

            using var scope = torch.NewDisposeScope();
            return new OatsPart(
                lowRank.ScaledU().MoveToOuterDisposeScope(),
                (lowRank.Vh * inverseScale).MoveToOuterDisposeScope(),
                (sparse * inverseScale).MoveToOuterDisposeScope(),
                budget,
                objectives);
        }
        finally
        {
            sparse.Dispose();
            lowRank.Dispose();
        }
    }

    private static TruncatedSvd LowRank(torch.Tensor target, int rank, OatsSvd svd, torch.Generator sketches) => svd switch
    {
        OatsSvd.Exact => TruncatedSvd.Exact(target, rank),
        OatsSvd.Randomized => RandomizedSvd.Compute(target, rank, sketches),
        _ => throw new ArgumentOutOfRangeException(nameof(svd), svd, "Unknown OATS SVD kind."),
    };
}
