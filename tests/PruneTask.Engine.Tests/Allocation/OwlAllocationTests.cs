using PruneTask.Engine.Allocation;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Allocation;

public class OwlAllocationTests
{
    private static readonly double[] Ratios = [4.2, 1.3, 9.8, 2.2, 2.2, 6.0, 3.7];

    [Fact]
    public void Sparsities_average_to_the_target_and_span_twice_lambda()
    {
        var sparsities = OwlAllocation.Sparsities(Ratios, 0.6, 0.08);

        Assert.Equal(0.6, sparsities.Average(), 12);
        Assert.Equal(0.16, sparsities.Max() - sparsities.Min(), 12);
    }

    [Fact]
    public void Blocks_with_more_outliers_get_lower_sparsity()
    {
        var sparsities = OwlAllocation.Sparsities(Ratios, 0.6, 0.08);
        var byRatio = Ratios.Zip(sparsities).OrderBy(pair => pair.First).Select(pair => pair.Second).ToArray();

        Assert.Equal(byRatio.OrderByDescending(s => s), byRatio);
        Assert.Equal(sparsities[3], sparsities[4]);
    }

    [Fact]
    public void Equal_outlier_ratios_fall_back_to_the_uniform_target()
    {
        Assert.Equal([0.7, 0.7, 0.7], OwlAllocation.Sparsities([2.5, 2.5, 2.5], 0.7, 0.08));
        Assert.Equal([new NmPattern(2, 4), new NmPattern(2, 4)], OwlAllocation.Patterns([1.0, 1.0], new NmPattern(2, 4), 2));
    }

    [Fact]
    public void Sparsities_are_clamped_to_0_and_0_99_then_to_the_recipe_bounds()
    {
        var clamped = OwlAllocation.Sparsities([0, 10], 0.95, 0.2);
        var bounded = OwlAllocation.Sparsities([0, 1, 10], 0.5, 0.2, new SparsityBounds(0.4, 0.6));

        Assert.Equal(0.99, clamped[0], 12);
        Assert.Equal(0.75, clamped[1], 12);
        Assert.Equal(0.6, bounded[0], 12);
        Assert.Equal(0.4, bounded[2], 12);
        Assert.Throws<ArgumentException>(() => OwlAllocation.Sparsities([0, 1], 0.5, 0.1, new SparsityBounds(0.7, 0.6)));
        Assert.Throws<ArgumentException>(() => OwlAllocation.Sparsities([0, double.NaN], 0.5, 0.1));
    }

    [Fact]
    public void Mixed_patterns_shift_the_zeroed_count_by_the_rounded_offset()
    {
        // a' = 2·(D − 0)/8 = [0, 0.5, 2, 1.5]; mean 1; rounded offsets (half to even) [−1, −0, 1, 0].
        var patterns = OwlAllocation.Patterns([0, 2, 8, 6], new NmPattern(4, 8), 2);

        Assert.Equal([new NmPattern(3, 8), new NmPattern(4, 8), new NmPattern(5, 8), new NmPattern(4, 8)], patterns);
        Assert.Equal(new NmPattern(0, 4), OwlAllocation.Patterns([0, 100], new NmPattern(1, 4), 20)[0]);
    }

    [Fact]
    public void The_outlier_ratio_counts_scores_above_m_times_the_mean_of_all_linears_together()
    {
        using var scope = torch.NewDisposeScope();
        var norms = torch.full(4, 8.0, dtype: torch.float64);
        var first = torch.tensor(new float[] { 1, 1, 1, 1, 1, 1, 1, 20 }, 2, 4);
        var second = torch.tensor(new float[] { 1, 1, 1, -9 }, 1, 4);

        // Scores are |W|·sqrt(8/2) = 2|W|. Together: mean 78/12 = 6.5, threshold 19.5, so only the 40 counts.
        // The second alone: mean 6, threshold 18, and its 18 is not strictly above it.
        var ratio = OwlAllocation.OutlierRatio([new OwlLinear(first, norms, 2), new OwlLinear(second, norms, 2)], 3);
        var alone = OwlAllocation.OutlierRatio([new OwlLinear(second, norms, 2)], 3);

        Assert.Equal(1.0 / 12 * 100, ratio, 12);
        Assert.Equal(0, alone);
    }
}
