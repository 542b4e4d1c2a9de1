using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OsscarTests
{
    [Theory]
    [InlineData(1, 0.5, 64)]
    [InlineData(1, 0.3, 38)]
    [InlineData(16, 0.75, 6)]
    [InlineData(16, 0.5, 4)]
    public void Exactly_k_groups_survive_and_removed_columns_are_zero(int groupSize, double keep, int kept)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 21);
        using var result = Osscar.Prune(layer.Weight, layer.Gram, OsscarOptions.Default(keep, groupSize));

        Assert.Equal(kept, result.RemovedGroups!.Count(r => !r));
        using var norms = NormPruning.GroupNorms(result.Weight, InputGroups.Of(128, groupSize));
        var groupNorms = norms.data<double>().ToArray();
        for (var g = 0; g < groupNorms.Length; g++)
        {
            Assert.Equal(result.RemovedGroups![g], groupNorms[g] == 0);
        }
    }

    [Fact]
    public void Keeping_everything_returns_the_weight()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 22);
        using var result = Osscar.Prune(layer.Weight, layer.Gram, OsscarOptions.Default(1.0));

        Assert.DoesNotContain(true, result.RemovedGroups!);
        Assert.True(result.Weight.allclose(layer.Weight, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Rescaling_the_gram_changes_the_weights_not_at_all_and_the_objective_by_the_factor()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 23);
        using var factor = 7.3.ToScalar();
        using var scaled = layer.Gram.mul(factor);
        using var a = Osscar.Prune(layer.Weight, layer.Gram, OsscarOptions.Default(0.5));
        using var b = Osscar.Prune(layer.Weight, scaled, OsscarOptions.Default(0.5));

        Assert.Equal(a.RemovedGroups!, b.RemovedGroups!);
        Assert.True(a.Weight.allclose(b.Weight, rtol: 0, atol: 1e-6));
        Assert.Equal(a.Loss!.Value * 7.3, b.Loss!.Value, Math.Abs(b.Loss.Value) * 1e-9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void Local_search_never_ends_worse_than_the_greedy_stage(int groupSize)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 24);
        var greedy = OsscarOptions.Default(0.5, groupSize);
        using var first = Osscar.Prune(layer.Weight, layer.Gram, greedy);
        using var second = Osscar.Prune(layer.Weight, layer.Gram, greedy with { LocalSearch = true });

        Assert.True(second.Loss <= first.Loss);
        Assert.Equal(first.RemovedGroups!.Count(r => r), second.RemovedGroups!.Count(r => r));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Reconstructs_better_than_dropping_the_smallest_norm_neurons(double keep)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 25);
        using var osscar = Osscar.Prune(layer.Weight, layer.Gram, OsscarOptions.Default(keep));
        using var norm = NormPruning.Prune(layer.Weight, new NormPruningOptions(keep));

        Assert.Equal(norm.RemovedGroups!.Count(r => r), osscar.RemovedGroups!.Count(r => r));
        Assert.True(layer.ReconstructionError(osscar.Weight) < 0.5 * layer.ReconstructionError(norm.Weight));
    }

    [Fact]
    public void Refit_on_the_norm_baseline_support_is_never_worse_than_no_refit()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 26);
        using var norm = NormPruning.Prune(layer.Weight, new NormPruningOptions(0.5));
        using var problem = OsscarProblem.Create(layer.Weight, layer.Gram, InputGroups.Of(128, 1), 0.01);
        using var refit = problem.Refit(norm.RemovedGroups!);
        using var unrefitted = norm.Weight.to(torch.float64).T;

        Assert.True(problem.Objective(refit) <= problem.Objective(unrefitted));
    }

    [Fact]
    public void Dead_inputs_get_zero_columns()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 27);
        using var dead = torch.tensor(new long[] { 5, 40 });
        using var x = layer.Activations.clone().index_fill_(1, dead, RootedScalars.Zero);
        using var statistics = SyntheticLayer.Statistics(x, PlantedOutlierLayer.Sequences);
        using var result = Osscar.Prune(layer.Weight, statistics.Gram!, OsscarOptions.Default(0.75, 16));

        Assert.Equal(0, result.Weight.index_select(1, dead).count_nonzero().ToInt64());
        Assert.True(result.Weight.isfinite().all().ToBoolean());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void Prune_leaves_no_tensors_behind(int groupSize)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 28);
        var options = OsscarOptions.Default(0.5, groupSize) with { LocalSearch = true, MaxIter = 3 };
        using (Osscar.Prune(layer.Weight, layer.Gram, options))
        {
        }

        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (Osscar.Prune(layer.Weight, layer.Gram, options))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
