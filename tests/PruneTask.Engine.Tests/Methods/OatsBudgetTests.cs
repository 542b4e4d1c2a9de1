using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Tests.Methods;

public class OatsBudgetTests
{
    [Theory]
    [InlineData(64, 128, 0.5, 0.25, 5, 48)]
    [InlineData(192, 256, 0.5, 0.3, 16, 90)]
    [InlineData(64, 128, 0.3, 0.0, 0, 90)]
    [InlineData(4096, 4096, 0.5, 0.25, 256, 1536)]
    public void Splits_the_budget_as_the_reference_does(int outFeatures, int inFeatures, double compression, double rankRatio, int rank, int kept)
    {
        var budget = OatsBudget.For(outFeatures, inFeatures, OatsOptions.Default(compression) with { RankRatio = rankRatio });

        Assert.Equal(new OatsBudget(rank, kept), budget);
        Assert.True(budget.Parameters(outFeatures, inFeatures) <= (1 - compression) * outFeatures * inFeatures + outFeatures);
    }

    [Fact]
    public void Pattern_fixes_the_sparse_density_and_ignores_compression()
    {
        var options = OatsOptions.Default(0.1, new NmPattern(2, 8)) with { RankRatio = 0.5 };

        var budget = OatsBudget.For(192, 256, options);

        Assert.Equal(new OatsBudget((int)(0.5 * (0.25 / 0.5) * (192 * 256) / (192 + 256)), 64), budget);
    }

    [Fact]
    public void Pattern_must_divide_the_inputs()
    {
        Assert.Throws<ArgumentException>(() => OatsBudget.For(8, 12, OatsOptions.Default(0.5, new NmPattern(2, 8))));
    }

    [Theory]
    [InlineData(1.0, 0.25, 80)]
    [InlineData(0.5, 1.0, 80)]
    [InlineData(0.5, 0.25, 0)]
    public void Out_of_range_options_are_rejected(double compression, double rankRatio, int iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (OatsOptions.Default(compression) with { RankRatio = rankRatio, Iterations = iterations }).Validate());
    }
}
