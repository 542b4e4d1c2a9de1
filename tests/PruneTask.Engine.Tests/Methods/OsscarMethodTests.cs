using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OsscarMethodTests
{
    private static readonly MethodOptions Defaults = MethodOptions.Defaults(OsscarMethod.MethodName);

    [Fact]
    public void Reads_the_recipe_options_the_keep_target_and_the_group_size()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 61);
        var options = Defaults.With(OptionNames.Groups, "heads").With(OptionNames.Damping, 0.05).With(OptionNames.UpdateIter, 3L)
            .With(OptionNames.LocalSearch, true).With(OptionNames.MaxIter, 4L);

        var read = OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Keep(0.25), options) { Geometry = new LayerGeometry(16, null) });

        Assert.Equal(new OsscarOptions(0.25, 16, 0.05, 3, true, 4), read);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(16, 2)]
    public void Auto_update_iter_follows_the_group_size_as_the_recipe_resolves_it(int groupSize, int updateIter)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 62);

        var read = OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Keep(0.7), Defaults) { Geometry = new LayerGeometry(groupSize, null) });

        Assert.Equal(new OsscarOptions(0.7, groupSize, 0.01, updateIter, false, 20), read);
        Assert.Equal(read, OsscarOptions.Default(0.7, groupSize));
    }

    [Fact]
    public void Prune_matches_the_static_call_and_needs_the_gram()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 63);
        var request = new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Keep(0.75), Defaults) { Geometry = new LayerGeometry(16, null) };

        using var pruned = new OsscarMethod().Prune(request);
        using var direct = Osscar.Prune(layer.Weight, layer.Gram, OsscarOptions.Default(0.75, 16));

        Assert.Equal(direct.RemovedGroups!, pruned.RemovedGroups!);
        Assert.True(pruned.Weight.eq(direct.Weight).all().ToBoolean());
        Assert.Equal(StatisticsNeed.Gram, new OsscarMethod().Needs);
    }

    [Theory]
    [InlineData("groups", "columns")]
    [InlineData("local_search", "maybe")]
    [InlineData("group_size", 16L)]
    [InlineData("keep", 0.5)]
    public void Options_outside_the_declaration_are_rejected(string key, object value)
    {
        Assert.Throws<ArgumentException>(() => Defaults.With(key, value));
    }

    [Fact]
    public void A_sparsity_or_a_pattern_target_is_rejected()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 65);

        var error = Assert.Throws<ArgumentException>(() => OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Pattern(new NmPattern(2, 4)), Defaults)));
        Assert.Equal("osscar takes a keep target, not pattern.", error.Message);
        Assert.Throws<ArgumentException>(() => OsscarMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Sparsity(0.5), Defaults)));
    }
}
