using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OatsMethodTests
{
    private static readonly MethodOptions Defaults = MethodOptions.Defaults(OatsMethod.MethodName);

    [Fact]
    public void Reads_the_recipe_options_and_the_compression_target()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 51);
        var options = Defaults.With(OptionNames.RankRatio, 0.3).With(OptionNames.Iterations, 7L).With(OptionNames.Svd, "randomized");

        var read = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Compression(0.4), options));

        Assert.Equal(new OatsOptions(0.4, 0.3, 7, null, OatsSvd.Randomized), read);
    }

    [Fact]
    public void Defaults_are_the_declared_ones_and_a_pattern_target_sets_the_pattern()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 52);

        var read = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Pattern(new NmPattern(4, 8)), Defaults));

        Assert.Equal(new OatsOptions(0, 0.25, 80, new NmPattern(4, 8), OatsSvd.Exact), read);
        Assert.Equal(read, OatsOptions.Default(0, new NmPattern(4, 8)));
    }

    [Fact]
    public void Prune_returns_the_factored_form_of_the_static_decomposition()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 53);
        var options = Defaults.With(OptionNames.Iterations, 5L);

        using var pruned = new OatsMethod().Prune(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Compression(0.5), options));
        using var direct = Oats.Decompose(layer.Weight, layer.SquaredNorms, PlantedOutlierLayer.Sequences, OatsOptions.Default(0.5) with { Iterations = 5 });

        Assert.True(pruned.Weight.eq(direct.Weight).all().ToBoolean());
        Assert.True(pruned.LowRankU!.eq(direct.Parts[0].U).all().ToBoolean());
        Assert.Equal(direct.Residual, pruned.Loss);
        Assert.Equal(StatisticsNeed.Diagonal, new OatsMethod().Needs);
    }

    [Fact]
    public void Part_rows_decompose_each_part_of_a_fused_weight_on_its_own()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 55);
        var rows = layer.Weight.shape[0];
        long[] parts = [rows / 2, rows / 4, rows - (rows / 2) - (rows / 4)];
        var request = new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Compression(0.5), Defaults.With(OptionNames.Iterations, 3L))
        {
            Geometry = new LayerGeometry(1, parts),
        };

        using var pruned = new OatsMethod().Prune(request);
        using var direct = Oats.Decompose(layer.Weight, layer.SquaredNorms, PlantedOutlierLayer.Sequences, OatsOptions.Default(0.5) with { Iterations = 3 }, parts);
        using var whole = Oats.Decompose(layer.Weight, layer.SquaredNorms, PlantedOutlierLayer.Sequences, OatsOptions.Default(0.5) with { Iterations = 3 });

        Assert.Equal(3, direct.Parts.Count);
        Assert.True(pruned.Weight.eq(direct.Weight).all().ToBoolean());
        Assert.False(pruned.Weight.eq(whole.Weight).all().ToBoolean());
    }

    [Fact]
    public void A_sparsity_target_and_options_no_recipe_can_send_are_rejected()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 54);

        Assert.Throws<ArgumentException>(() => OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, new PruneTarget.Sparsity(0.5), Defaults)));
        Assert.Throws<ArgumentException>(() => Defaults.With(OptionNames.Svd, "lanczos"));
        Assert.Throws<ArgumentException>(() => Defaults.With("compression", 0.6));
        Assert.Throws<ArgumentException>(() => Defaults.With("pattern", "2:8"));
        Assert.Throws<ArgumentException>(() => Defaults.With("seed", 4L));
    }
}
