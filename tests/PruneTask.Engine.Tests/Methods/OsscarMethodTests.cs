using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OsscarMethodTests
{
    [Fact]
    public void Reads_the_recipe_options()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 61);
        var options = new Dictionary<string, object>
        {
            ["keep"] = 0.25, ["groups"] = 8, ["damping"] = 0.05, ["update_iter"] = 3, ["local_search"] = true, ["max_iter"] = 4,
        };

        var read = OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.5, null, options));

        Assert.Equal(new OsscarOptions(0.25, 16, 0.05, 3, true, 4), read);
    }

    [Fact]
    public void Defaults_keep_one_minus_the_sparsity_of_single_neurons()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 62);

        var read = OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.3, null, new Dictionary<string, object>()));

        Assert.Equal(new OsscarOptions(1 - 0.3), read);
        Assert.Equal(10, read.EffectiveUpdateIter);
    }

    [Fact]
    public void Prune_matches_the_static_call_and_needs_the_gram()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 63);
        var options = new Dictionary<string, object> { ["group_size"] = 16 };

        using var pruned = new OsscarMethod().Prune(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.25, null, options));
        using var direct = Osscar.Prune(layer.Weight, layer.Gram, new OsscarOptions(0.75, 16));

        Assert.Equal(direct.RemovedGroups!, pruned.RemovedGroups!);
        Assert.True(pruned.Weight.eq(direct.Weight).all().ToBoolean());
        Assert.Equal(StatisticsNeed.Gram, new OsscarMethod().Needs);
    }

    [Theory]
    [InlineData("groups", 5)]
    [InlineData("local_search", "maybe")]
    public void Invalid_options_are_rejected(string key, object value)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 64);
        var options = new Dictionary<string, object> { [key] = value };

        Assert.Throws<ArgumentException>(() => OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.5, null, options)));
    }

    [Fact]
    public void A_pattern_is_rejected()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 65);

        Assert.Throws<ArgumentException>(() => OsscarMethod.ReadOptions(
            new LayerPruneRequest(layer.Weight, layer.Statistics, null, new NmPattern(2, 4), new Dictionary<string, object>())));
    }
}
