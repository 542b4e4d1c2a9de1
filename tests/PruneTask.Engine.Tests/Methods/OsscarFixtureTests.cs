using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// Parity with the OSSCAR reference code: neurons (fc2, 128 groups of 1, keep 0.5) and heads (out_proj, 8 heads of 16,
/// keep 0.75), each on X and on X_dead. The reference Gram is Σ over the 4 sequences of X_sᵀX_s, i.e. XᵀX.
/// </summary>
public class OsscarFixtureTests
{
    public static TheoryData<string, double, int, bool> Cases => new()
    {
        { "osscar_neurons_50.safetensors", 0.5, 1, false },
        { "osscar_neurons_50.safetensors", 0.5, 1, true },
        { "osscar_heads_2of8.safetensors", 0.75, 16, false },
        { "osscar_heads_2of8.safetensors", 0.75, 16, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weights_removed_groups_and_objective_match_the_reference(string file, double keep, int groupSize, bool dead)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = ReferenceLayerFixture.Open(file);
        var gram = ReferenceLayerFixture.Gram(ReferenceLayerFixture.Activations(dead));

        using var result = Osscar.Prune(ReferenceLayerFixture.Weight(), gram, new OsscarOptions(keep, groupSize));

        var expectedRemoved = reference.Load(ReferenceLayerFixture.Name("removed_groups", dead)).data<byte>().ToArray();
        Assert.Equal(expectedRemoved.Select(b => b == 1), result.RemovedGroups!);
        var difference = (result.Weight - reference.Load(ReferenceLayerFixture.Name("W_pruned", dead))).abs().max().ToDouble();
        Assert.True(difference <= 1e-4, $"max |ΔW| = {difference:E2}");
        var objective = reference.Load(ReferenceLayerFixture.Name("objective", dead)).data<float>()[0];
        Assert.Equal(objective, result.Loss!.Value, Math.Abs(objective) * 1e-5);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(16, false)]
    [InlineData(16, true)]
    public void All_zero_test_finds_the_same_removed_groups_as_the_reference_signed_sum(int groupSize, bool dead)
    {
        using var scope = torch.NewDisposeScope();
        var gram = ReferenceLayerFixture.Gram(ReferenceLayerFixture.Activations(dead));
        var groups = InputGroups.Of(128, groupSize);
        using var problem = OsscarProblem.Create(ReferenceLayerFixture.Weight(), gram, groups, 0.01);

        var signedSum = groups.RowBlocks(problem.Start).sum([1, 2]).abs().le(1e-12).data<bool>().ToArray();

        Assert.Equal(signedSum, problem.AlreadyRemoved());
        Assert.Equal(dead && groupSize == 1 ? 1 : 0, signedSum.Count(r => r));
    }
}
