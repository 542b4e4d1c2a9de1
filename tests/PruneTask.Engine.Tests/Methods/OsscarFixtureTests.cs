using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// Parity with the OSSCAR reference code: neurons (fc2, 128 groups of 1, keep 0.5) and heads (out_proj, 8 heads of 16,
/// keep 0.75), each on X and on X_dead. The reference Gram is Σ over the 4 sequences of X_sᵀX_s, i.e. XᵀX.
/// </summary>
public class OsscarFixtureTests
{
    public static TheoryData<string, double, int, string> Cases => new()
    {
        { "osscar_neurons_50.safetensors", 0.5, 1, "" },
        { "osscar_neurons_50.safetensors", 0.5, 1, "_dead" },
        { "osscar_heads_2of8.safetensors", 0.75, 16, "" },
        { "osscar_heads_2of8.safetensors", 0.75, 16, "_dead" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weights_removed_groups_and_objective_match_the_reference(string file, double keep, int groupSize, string suffix)
    {
        using var reference = MethodFixtures.Open(file);
        using var weight = MethodFixtures.Input("W");
        using var statistics = MethodFixtures.Statistics(suffix);

        using var result = Osscar.Prune(weight, statistics.Gram!, OsscarOptions.Default(keep, groupSize));

        using var removed = reference.Load("removed_groups" + suffix);
        Assert.Equal(removed.data<byte>().ToArray().Select(b => b == 1), result.RemovedGroups!);
        using var expected = reference.Load("W_pruned" + suffix);
        var difference = MethodFixtures.MaxAbsoluteDifference(expected, result.Weight);
        Assert.True(difference <= 1e-4, $"max |ΔW| = {difference:E2}");
        using var objective = reference.Load("objective" + suffix);
        var expectedObjective = objective.data<float>()[0];
        Assert.Equal(expectedObjective, result.Loss!.Value, Math.Abs(expectedObjective) * 1e-5);
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(1, "_dead")]
    [InlineData(16, "")]
    [InlineData(16, "_dead")]
    public void All_zero_test_finds_the_same_removed_groups_as_the_reference_signed_sum(int groupSize, string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var weight = MethodFixtures.Input("W");
        using var statistics = MethodFixtures.Statistics(suffix);
        var groups = InputGroups.Of(128, groupSize);
        using var problem = OsscarProblem.Create(weight, statistics.Gram!, groups, 0.01);

        using var tolerance = 1e-12.ToScalar();
        var signedSum = groups.RowBlocks(problem.Start).sum([1, 2]).abs().le(tolerance).data<bool>().ToArray();

        Assert.Equal(signedSum, problem.AlreadyRemoved());
        Assert.Equal(suffix == "_dead" && groupSize == 1 ? 1 : 0, signedSum.Count(r => r));
    }
}
