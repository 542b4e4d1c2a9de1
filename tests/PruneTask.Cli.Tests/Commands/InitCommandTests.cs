using PruneTask.Recipes;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-init-").FullName;

    [Fact]
    public void Init_writes_a_recipe_with_the_schema_modeline_that_validate_accepts()
    {
        var recipe = Path.Combine(_root, "recipes", "tiny.prune.yaml");

        var (exitCode, _, error) = Cli.Run("init", RepositoryPaths.Fixture("models", "tiny-llama-gqa"), "--output", recipe);

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Equal($"# yaml-language-server: $schema={RecipeSchema.FileName}", File.ReadLines(recipe).First());
        Assert.Equal(RecipeSchema.Text, File.ReadAllText(Path.Combine(_root, "recipes", RecipeSchema.FileName)));
        var validate = Cli.Run("validate", recipe);
        Assert.True(validate.ExitCode == ExitCodes.Ok, validate.Error);
        Assert.Empty(validate.Error);
    }

    [Fact]
    public void Init_with_calibration_data_writes_a_wanda_recipe_that_validate_accepts()
    {
        File.WriteAllText(Path.Combine(_root, "calibration.txt"), "Some text to calibrate on.");
        var recipe = Path.Combine(_root, "wanda.prune.yaml");

        var (exitCode, _, error) = Cli.Run("init", RepositoryPaths.Fixture("models", "tiny-llama-gqa"), "--output", recipe, "--dataset", Path.Combine(_root, "calibration.txt"));

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Contains("  method: wanda", File.ReadAllText(recipe), StringComparison.Ordinal);
        Assert.Contains("  dataset: calibration.txt", File.ReadAllText(recipe), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, Cli.Run("validate", recipe).ExitCode);
    }

    [Fact]
    public void Init_does_not_overwrite_a_recipe_without_force()
    {
        var recipe = Path.Combine(_root, "mine.prune.yaml");
        File.WriteAllText(recipe, "mine");

        var (exitCode, _, error) = Cli.Run("init", RepositoryPaths.Fixture("models", "tiny-llama-gqa"), "--output", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(recipe));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
