using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Resolution;

public sealed class StructuredGroupsTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Osscar_prunes_neurons_at_down_projections_and_heads_at_output_projections()
    {
        var result = Resolve.Body(_folder, """
            layers:
              - {match: "*.fc2", method: osscar, keep: 0.5}
              - {match: "*.out_proj", method: osscar, keep: 0.75, local_search: true}
            """, TinyModels.Opt());

        Assert.Empty(result.Diagnostics);
        var fc2 = result.Layer("model.decoder.layers.0.fc2").Options;
        var outProj = result.Layer("model.decoder.layers.1.self_attn.out_proj").Options;
        Assert.Equal(("neurons", 10L, false, 20L, 0.01), (fc2["groups"], fc2["update_iter"], fc2["local_search"], fc2["max_iter"], fc2["damping"]));
        Assert.Equal(("heads", 2L, true), (outProj["groups"], outProj["update_iter"], outProj["local_search"]));
    }

    [Fact]
    public void A_written_update_iter_is_kept()
    {
        var result = Resolve.Body(_folder, "layers:\n  - {match: \"*.down_proj\", method: osscar, keep: 0.5, update_iter: 4}");

        Assert.Equal(4L, result.Layer("model.layers.1.mlp.down_proj").Options["update_iter"]);
    }

    [Theory]
    [InlineData("{match: \"*.q_proj\", method: osscar, keep: 0.5}", "needs an MLP down projection (neurons) or an attention output projection (heads)")]
    [InlineData("{match: \"*.down_proj\", method: osscar, keep: 0.5, groups: heads}", "needs an attention output projection")]
    [InlineData("{match: \"*.o_proj\", method: norm, keep: 0.5}", "applies only to MLP down projections")]
    public void Structured_methods_on_the_wrong_layer_are_errors(string rule, string message)
    {
        var error = Assert.Single(Resolve.Body(_folder, "layers:\n  - " + rule).Diagnostics);

        Assert.Equal("PRN054", error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Norm_on_down_projections_has_no_options()
    {
        var result = Resolve.Body(_folder, "layers:\n  - {match: \"*.down_proj\", method: norm, keep: 0.5}");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Layer("model.layers.0.mlp.down_proj").Options);
    }
}
