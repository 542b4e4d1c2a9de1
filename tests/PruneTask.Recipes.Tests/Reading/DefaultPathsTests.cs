using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class DefaultPathsTests
{
    [Theory]
    [InlineData("/r/llama-50.prune.yaml", "/r/out/llama-50")]
    [InlineData("/r/llama.yml", "/r/out/llama")]
    [InlineData("/r/recipe", "/r/out/recipe")]
    public void Output_defaults_to_out_and_the_recipe_name(string recipe, string expected) =>
        Assert.Equal(expected, DefaultPaths.OutputDirectory(recipe));
}
