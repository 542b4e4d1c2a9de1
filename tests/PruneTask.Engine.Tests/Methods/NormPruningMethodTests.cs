using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class NormPruningMethodTests
{
    [Fact]
    public void Removes_one_minus_keep_of_the_heads_without_statistics()
    {
        using var random = new torch.Generator(3);
        using var weight = torch.randn(8, 12, generator: random);
        var options = new Dictionary<string, object> { ["keep"] = 0.5, ["groups"] = 4 };

        using var pruned = new NormPruningMethod().Prune(new LayerPruneRequest(weight, null, null, null, options));
        using var direct = NormPruning.Prune(weight, new NormPruningOptions(0.5, 3));

        Assert.Equal(2, pruned.RemovedGroups!.Count(r => r));
        Assert.Equal(direct.RemovedGroups!, pruned.RemovedGroups);
        Assert.Equal(StatisticsNeed.None, new NormPruningMethod().Needs);
    }

    [Fact]
    public void Sparsity_sets_the_removed_fraction_when_keep_is_absent()
    {
        using var random = new torch.Generator(4);
        using var weight = torch.randn(8, 10, generator: random);

        using var pruned = new NormPruningMethod().Prune(new LayerPruneRequest(weight, null, 0.7, null, new Dictionary<string, object>()));

        Assert.Equal(7, pruned.RemovedGroups!.Count(r => r));
    }

    [Fact]
    public void Groups_and_group_size_must_agree()
    {
        using var weight = torch.randn(8, 12);
        var options = new Dictionary<string, object> { ["keep"] = 0.5, ["groups"] = 4, ["group_size"] = 4 };

        Assert.Throws<ArgumentException>(() => new NormPruningMethod().Prune(new LayerPruneRequest(weight, null, null, null, options)));
    }
}
