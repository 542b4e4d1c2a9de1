using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Allocation;

/// <summary>
/// OWL (docs/methods.md §3, as luuyin/OWL's <c>prune_wanda_outlier</c>): blocks whose Wanda scores hold more outliers get
/// lower sparsity. The per-block mean stays the target and the spread is 2λ, before the clamp to [0, 0.99].
/// </summary>
public static class OwlAllocation
{
    /// <summary>
    /// The layerwise outlier ratio D of one block, in percent: the share of the Wanda scores |W|·sqrt(G_jj/n_seq)
    /// of all the block's targeted linears, taken together, that exceed <paramref name="m"/> times their mean.
    /// </summary>
    public static double OutlierRatio(IEnumerable<OwlLinear> blockLinears, double m)
    {
        var linears = blockLinears.ToList();
        if (linears.Count == 0)
        {
            throw new ArgumentException("A block needs at least one targeted linear to count outliers.", nameof(blockLinears));
        }

        double sum = 0;
        long total = 0;
        foreach (var linear in linears)
        {
            using var scores = Scores(linear);
            sum += scores.sum().item<double>();
            total += scores.numel();
        }

        var threshold = m * (sum / total);
        long outliers = 0;
        foreach (var linear in linears)
        {
            using var scope = torch.NewDisposeScope();
            outliers += Scores(linear).gt(threshold).sum().item<long>();
        }

        return (double)outliers / total * 100;
    }

    /// <summary>Per-block sparsity s_ℓ = S − (a_ℓ − mean a), a = 2λ(D − min)/(max − min); uniform when all D are equal.</summary>
    public static double[] Sparsities(IReadOnlyList<double> outlierRatios, double target, double lambda, SparsityBounds? bounds = null)
    {
        var offsets = ScaledOffsets(outlierRatios, 2 * lambda, out var uniform);
        return offsets.Select(a => uniform ? target : 1 - (a + (1 - target)))
            .Select(s => SparsityBounds.Owl.Apply(s))
            .Select(s => bounds?.Apply(s) ?? s)
            .ToArray();
    }

    /// <summary>
    /// Mixed N:M across blocks (OWL's <c>wanda_owl_structure</c>): block ℓ zeroes (M − N) − round(a'_ℓ − mean a') of
    /// every M, a' = λ(D − min)/(max − min), rounding half to even; the count is kept within [0, M].
    /// </summary>
    public static NmPattern[] Patterns(IReadOnlyList<double> outlierRatios, NmPattern target, double lambda)
    {
        var offsets = ScaledOffsets(outlierRatios, lambda, out var uniform);
        return offsets.Select(a => uniform ? target : Pattern(target, Math.Round(a, MidpointRounding.ToEven))).ToArray();
    }

    private static NmPattern Pattern(NmPattern target, double shift)
    {
        var zeroed = Math.Clamp(target.ZeroedPerGroup - (int)shift, 0, target.M);
        return new NmPattern(target.M - zeroed, target.M);
    }

    /// <summary>(D − min)·(1/(max − min)·span) − mean, in the reference's order of operations.</summary>
    private static double[] ScaledOffsets(IReadOnlyList<double> ratios, double span, out bool uniform)
    {
        if (ratios.Count == 0 || ratios.Any(r => !double.IsFinite(r)))
        {
            throw new ArgumentException("OWL needs one finite outlier ratio per block.", nameof(ratios));
        }

        var min = ratios.Min();
        var max = ratios.Max();
        uniform = max == min;
        if (uniform)
        {
            return new double[ratios.Count];
        }

        var scale = 1 / (max - min) * span;
        var scaled = ratios.Select(r => (r - min) * scale).ToArray();
        var mean = scaled.Sum() / scaled.Length;
        return scaled.Select(a => a - mean).ToArray();
    }

    private static torch.Tensor Scores(OwlLinear linear)
    {
        MethodInputs.CheckWeight(linear.Weight);
        using var scope = torch.NewDisposeScope();
        return MethodInputs.WandaScores(linear.Weight, linear.SquaredNorms, linear.Sequences).to_type(torch.float64).MoveToOuterDisposeScope();
    }
}
