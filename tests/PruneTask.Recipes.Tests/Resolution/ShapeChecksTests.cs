using PruneTask.Recipes.Resolution;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Resolution;

public sealed class ShapeChecksTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_pattern_whose_group_does_not_tile_the_inputs_is_an_error()
    {
        var result = Resolve.Body(_folder, "defaults: {method: wanda, pattern: \"2:3\"}");

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(["PRN053", "PRN053"], errors.Select(d => d.Code));
        Assert.Contains("64 inputs (layers model.layers.0.self_attn.q_proj and 11 more)", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("160 inputs (layers model.layers.0.mlp.down_proj and 1 more)", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_whose_group_tiles_every_layer_passes() =>
        Assert.Empty(Resolve.Body(_folder, "defaults: {method: wanda, pattern: \"4:8\"}").Diagnostics);

    [Fact]
    public void Sparsegpt_blocksize_must_be_a_multiple_of_the_pattern_group()
    {
        var result = Resolve.Body(_folder, "defaults: {method: sparsegpt, pattern: \"2:4\", blocksize: 30}");

        Assert.Equal("PRN057", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Oats_pattern_that_keeps_more_than_the_dense_layer_is_an_error()
    {
        var result = Resolve.Body(_folder, "defaults: {method: oats, pattern: \"3:4\", rank_ratio: 0.5}");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("PRN051", 4, 42), (error.Code, error.Line, error.Column));
        Assert.Contains("would keep 1.5 of the layer's parameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oats_rank_that_rounds_to_zero_warns()
    {
        LayerDescriptor[] thin = [new("model.layers.0.mlp.down_proj", 0, 2, 64, LayerRoles.MlpDown)];

        var result = Resolve.Body(_folder, "defaults: {method: oats, compression: 0.9, rank_ratio: 0.2}", thin);

        DiagnosticAssert.Warnings(result.Diagnostics, "PRN052@4:44");
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Oats_with_a_rank_that_fits_passes() =>
        Assert.Empty(Resolve.Body(_folder, "defaults: {method: oats, compression: 0.5}").Diagnostics);
}
