using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// IST-DASLab/sparsegpt's <c>fasterprune(0.5 or 2:4, percdamp 0.01, blocksize 128)</c> on the fixture layer: masks
/// exact, weights within 1e-5, per-row losses and their sum within a relative 1e-4.
/// </summary>
public class SparseGptFixtureTests
{
    public static TheoryData<string> Cases => MethodFixtures.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unstructured_50_percent_matches_the_reference(string suffix) =>
        AssertMatches("sparsegpt_unstructured_50.safetensors", suffix, 0.5, null);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_of_four_matches_the_reference(string suffix) =>
        AssertMatches("sparsegpt_2of4.safetensors", suffix, null, new NmPattern(2, 4));

    private static void AssertMatches(string fileName, string suffix, double? sparsity, NmPattern? pattern)
    {
        using var scope = torch.NewDisposeScope();
        using var statistics = MethodFixtures.Statistics(suffix);
        using var file = MethodFixtures.Open(fileName);
        var weight = MethodFixtures.Input("W");
        var (pruned, rowLosses, warning) = SparseGptSolver.Solve(weight, statistics, sparsity, pattern, SparseGptSettings.Default);
        using var layer = pattern is { } p ? SparseGpt.Prune(weight, statistics, p) : SparseGpt.Prune(weight, statistics, sparsity!.Value);

        Assert.Null(warning);
        Assert.True(MethodFixtures.SameMask(MethodFixtures.Mask(file, "mask" + suffix), pruned));
        Assert.InRange(MethodFixtures.MaxAbsoluteDifference(file.Load("W_pruned" + suffix), pruned), 0, 1e-5);
        Assert.True(torch.allclose(rowLosses, file.Load("losses" + suffix), rtol: 1e-4, atol: 0));
        var error = file.Load("error" + suffix).item<float>();
        Assert.Equal(1, layer.Loss!.Value / error, 4);
        Assert.True(SyntheticLayer.BitIdentical(pruned, layer.Weight));
    }
}
