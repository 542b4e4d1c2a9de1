using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Tests.Methods;

public class NormPruningMethodTests
{
    private static readonly MethodOptions Defaults = MethodOptions.Defaults(NormPruningMethod.MethodName);

    [Fact]
    public void Removes_one_minus_keep_of_the_groups_without_statistics()
    {
        using var random = new torch.Generator(3);
        using var weight = torch.randn(8, 12, generator: random);
        var request = new LayerPruneRequest(weight, null, new PruneTarget.Keep(0.5), Defaults) { Geometry = new LayerGeometry(3, null) };

        using var pruned = new NormPruningMethod().Prune(request);
        using var direct = NormPruning.Prune(weight, new NormPruningOptions(0.5, 3));

        Assert.Equal(2, pruned.RemovedGroups!.Count(r => r));
        Assert.Equal(direct.RemovedGroups!, pruned.RemovedGroups);
        Assert.Equal(StatisticsNeed.None, new NormPruningMethod().Needs);
    }

    [Fact]
    public void Single_neurons_are_the_groups_of_a_plain_layer()
    {
        using var random = new torch.Generator(4);
        using var weight = torch.randn(8, 10, generator: random);

        using var pruned = new NormPruningMethod().Prune(new LayerPruneRequest(weight, null, new PruneTarget.Keep(0.3), Defaults));

        Assert.Equal(7, pruned.RemovedGroups!.Count(r => r));
    }

    [Fact]
    public void A_sparsity_target_is_rejected()
    {
        using var weight = torch.randn(8, 12);

        Assert.Throws<ArgumentException>(() => new NormPruningMethod().Prune(new LayerPruneRequest(weight, null, new PruneTarget.Sparsity(0.5), Defaults)));
    }
}
