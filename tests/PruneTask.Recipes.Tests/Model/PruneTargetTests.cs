using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Tests.Model;

public class PruneTargetTests
{
    [Fact]
    public void Each_kind_keeps_its_kind_key_and_fraction()
    {
        PruneTarget[] targets = [new PruneTarget.Sparsity(0.5), new PruneTarget.Pattern(new NmPattern(1, 4)), new PruneTarget.Keep(0.25), new PruneTarget.Compression(0.6)];

        Assert.Equal([TargetKind.Sparsity, TargetKind.Pattern, TargetKind.Keep, TargetKind.Compression], targets.Select(t => t.Kind));
        Assert.Equal(["sparsity 0.5", "pattern 1:4", "keep 0.25", "compression 0.6"], targets.Select(t => t.ToString()));
        Assert.Equal([0.5, 0.75, 0.25, 0.6], targets.Select(t => t.Fraction));
        Assert.Equal([true, true, false, true], targets.Select(t => t.IsAllocatable));
    }

    [Fact]
    public void Targets_are_equal_only_with_the_same_kind_and_value()
    {
        Assert.Equal(new PruneTarget.Sparsity(0.5), PruneTarget.OfFraction(TargetKind.Sparsity, 0.5));
        Assert.NotEqual<PruneTarget>(new PruneTarget.Sparsity(0.5), new PruneTarget.Compression(0.5));
        Assert.NotEqual<PruneTarget>(new PruneTarget.Sparsity(0.5), new PruneTarget.Pattern(new NmPattern(2, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneTarget.OfFraction(TargetKind.Pattern, 0.5));
    }

    [Fact]
    public void A_pattern_zeroes_M_minus_N_of_every_group()
    {
        var pattern = new NmPattern(3, 8);

        Assert.Equal(5, pattern.ZeroedPerGroup);
        Assert.Equal(5.0 / 8, pattern.Sparsity);
        Assert.Equal("3:8", pattern.ToString());
    }
}
