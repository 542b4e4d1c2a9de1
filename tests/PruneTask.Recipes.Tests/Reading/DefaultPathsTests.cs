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

    [Fact]
    public void The_cache_is_a_per_user_prunetask_folder()
    {
        var cache = DefaultPaths.CacheDirectory();

        Assert.Equal("prunetask", Path.GetFileName(cache));
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var expectedParent = OperatingSystem.IsLinux()
            ? string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        Assert.Equal(expectedParent, Path.GetDirectoryName(cache));
    }
}
