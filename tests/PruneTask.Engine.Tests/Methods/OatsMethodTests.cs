using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OatsMethodTests
{
    [Fact]
    public void Reads_the_recipe_options_and_falls_back_to_the_request_sparsity()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 51);
        var options = new Dictionary<string, object> { ["rank_ratio"] = 0.3, ["iterations"] = 7, ["svd"] = "randomized", ["seed"] = 4 };

        var read = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.4, null, options));

        Assert.Equal(new OatsOptions(0.4, 0.3, 7, null, OatsSvd.Randomized, 4), read);
    }

    [Fact]
    public void Compression_option_wins_over_the_sparsity_and_a_pattern_over_both()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 52);
        var options = new Dictionary<string, object> { ["compression"] = 0.6, ["pattern"] = "2:8" };

        var fromOption = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.4, null, options));
        var fromRequest = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.4, new NmPattern(4, 8), options));
        options.Remove("pattern");
        var compression = OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.4, null, options));

        Assert.Equal(new NmPattern(2, 8), fromOption.Pattern);
        Assert.Equal(new NmPattern(4, 8), fromRequest.Pattern);
        Assert.Equal(0.6, compression.Compression);
    }

    [Fact]
    public void Prune_returns_the_factored_form_of_the_static_decomposition()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 53);
        var options = new Dictionary<string, object> { ["iterations"] = 5 };

        using var pruned = new OatsMethod().Prune(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.5, null, options));
        using var direct = Oats.Decompose(layer.Weight, layer.SquaredNorms, PlantedOutlierLayer.Sequences, new OatsOptions(0.5, Iterations: 5));

        Assert.True(pruned.Weight.eq(direct.Weight).all().ToBoolean());
        Assert.True(pruned.LowRankU!.eq(direct.Parts[0].U).all().ToBoolean());
        Assert.Equal(direct.Residual, pruned.Loss);
        Assert.Equal(StatisticsNeed.Diagonal, new OatsMethod().Needs);
    }

    [Fact]
    public void Unknown_svd_kind_and_missing_target_are_rejected()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 54);
        var lanczos = new Dictionary<string, object> { ["svd"] = "lanczos" };

        Assert.Throws<ArgumentException>(() => OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, 0.5, null, lanczos)));
        Assert.Throws<InvalidOperationException>(() => OatsMethod.ReadOptions(new LayerPruneRequest(layer.Weight, layer.Statistics, null, null, new Dictionary<string, object>())));
    }
}
