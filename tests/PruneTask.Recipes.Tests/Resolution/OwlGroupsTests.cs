using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Resolution;

public sealed class OwlGroupsTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_owl_group_whose_layers_inherit_different_targets_is_an_error()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.5}
            layers:
              - {match: "*.down_proj", sparsity: 0.7}
              - {match: "*.mlp.*", allocation: {strategy: owl}}
            """);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("PRN029", 7), (error.Code, error.Line));
        Assert.Contains("mixes targets sparsity 0.5 and sparsity 0.7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owl_group_with_one_target_passes()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.5}
            layers:
              - {match: "*.mlp.*", allocation: {strategy: owl, lambda: 0.04}}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("layers[0]", result.Layer("model.layers.1.mlp.up_proj").Allocation!.Group);
    }

    [Fact]
    public void Owl_from_a_rule_on_a_pattern_target_inherited_elsewhere_is_an_error()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, pattern: "2:4"}
            layers:
              - {match: "*.mlp.*", allocation: {strategy: owl}}
            """);

        Assert.Equal("PRN027", Assert.Single(result.Diagnostics).Code);
    }
}
