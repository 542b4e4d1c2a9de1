using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>locuslab/wanda's <c>prune_wanda</c> on the fixture layer: masks and weights must match exactly.</summary>
public class WandaFixtureTests
{
    public static TheoryData<string> Cases => MethodFixtures.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unstructured_50_percent_matches_the_reference(string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var statistics = MethodFixtures.Statistics(suffix);
        using var pruned = Wanda.Prune(MethodFixtures.Input("W"), statistics, 0.5);
        AssertMatches("wanda_unstructured_50.safetensors", suffix, pruned);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_of_four_matches_the_reference(string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var statistics = MethodFixtures.Statistics(suffix);
        using var pruned = Wanda.Prune(MethodFixtures.Input("W"), statistics, new NmPattern(2, 4));
        AssertMatches("wanda_2of4.safetensors", suffix, pruned);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Activation_norms_match_the_reference_scaler(string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var statistics = MethodFixtures.Statistics(suffix);
        using var file = MethodFixtures.Open("wanda_unstructured_50.safetensors");
        var scaler = file.Load("scaler_row" + suffix).to_type(torch.float64);
        var ours = statistics.SquaredNorms.div(MethodFixtures.Sequences);

        Assert.True(torch.allclose(ours, scaler, rtol: 1e-5, atol: 0));
    }

    private static void AssertMatches(string fileName, string suffix, PrunedLayer pruned)
    {
        using var file = MethodFixtures.Open(fileName);
        var expectedMask = MethodFixtures.Mask(file, "mask" + suffix);
        Assert.True(MethodFixtures.SameMask(expectedMask, pruned.Weight));
        Assert.True(SyntheticLayer.BitIdentical(file.Load("W_pruned" + suffix), pruned.Weight));
    }
}
