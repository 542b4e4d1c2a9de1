using PruneTask.Engine.Allocation;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Tests.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Allocation;

/// <summary>luuyin/OWL's <c>prune_wanda_outlier</c> (S = 0.7, λ = 0.08, M = 5) on the fixture's two-block model.</summary>
public class OwlFixtureTests
{
    private const double Target = 0.7;
    private const double Lambda = 0.08;
    private const double OutlierMultiple = 5;

    [Fact]
    public void The_mapping_from_outlier_ratios_matches_the_reference()
    {
        using var scope = torch.NewDisposeScope();
        using var file = MethodFixtures.Open("owl.safetensors");
        var ratios = file.Load("D6").data<double>().ToArray();
        var sparsities = OwlAllocation.Sparsities(ratios, Target, Lambda);

        AssertClose(file.Load("sparsity6").data<double>().ToArray(), sparsities);
        AssertClose(file.Load("ratio6").data<double>().ToArray(), sparsities.Select(s => 1 - s).ToArray());
    }

    [Fact]
    public void Outlier_ratios_sparsities_and_pruned_blocks_match_the_reference()
    {
        using var scope = torch.NewDisposeScope();
        using var file = MethodFixtures.Open("owl.safetensors");
        using var statistics = MethodFixtures.Statistics("");
        var blocks = new[] { new[] { "W" }, new[] { "W2", "W3" } };
        var weights = blocks.Select(names => names.Select(MethodFixtures.Input).ToArray()).ToArray();

        var ratios = weights
            .Select(block => OwlAllocation.OutlierRatio(block.Select(w => new OwlLinear(w, statistics.SquaredNorms, MethodFixtures.Sequences)), OutlierMultiple))
            .ToArray();
        var sparsities = OwlAllocation.Sparsities(ratios, Target, Lambda);

        Assert.Equal(file.Load("D2").data<double>().ToArray(), ratios);
        AssertClose(file.Load("sparsity2").data<double>().ToArray(), sparsities);
        var expected = new[] { "W_block0_proj", "W_block1_proj_a", "W_block1_proj_b" };
        var pruned = weights.SelectMany((block, b) => block.Select(w => Wanda.Prune(w, statistics, sparsities[b]))).ToArray();
        foreach (var (name, layer) in expected.Zip(pruned))
        {
            Assert.True(SyntheticLayer.BitIdentical(file.Load(name), layer.Weight), name);
            layer.Dispose();
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 1e-12));
    }
}
