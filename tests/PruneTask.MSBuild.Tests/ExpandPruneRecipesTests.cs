using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class ExpandPruneRecipesTests : IDisposable
{
    private readonly TempDirectory _project = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Fills_in_every_path_and_defaults_the_copy_to_never()
    {
        var recipe = _project.Write("models/llama.prune.yaml", "version: 1\n");
        var task = Task(new TaskItem("models/llama.prune.yaml"));

        Assert.True(task.Execute());

        var expanded = Assert.Single(task.ExpandedRecipes);
        Assert.Equal(recipe, expanded.GetMetadata("Recipe"));
        Assert.Equal("llama", expanded.GetMetadata("PruneName"));
        Assert.Equal(_project.Combine("obj", "pruned", "llama", "prune.lock.json"), expanded.GetMetadata("LockFile"));
        Assert.Equal("Never", expanded.GetMetadata("CopyToOutputDirectory"));
    }

    [Fact]
    public void Skips_disabled_recipes()
    {
        _project.Write("a.prune.yaml", "");
        _project.Write("b.prune.yaml", "");
        var disabled = new TaskItem("b.prune.yaml");
        disabled.SetMetadata("Enabled", "False");

        var task = Task(new TaskItem("a.prune.yaml"), disabled);

        Assert.True(task.Execute());
        Assert.Equal(["a.prune.yaml"], task.ExpandedRecipes.Select(r => r.ItemSpec));
    }

    [Fact]
    public void Inputs_are_the_recipe_its_settings_stamp_and_what_the_last_run_depended_on()
    {
        var recipe = _project.Write("llama.prune.yaml", "");
        var task = Task(new TaskItem("llama.prune.yaml"));
        Assert.True(task.Execute());
        var expanded = Assert.Single(task.ExpandedRecipes);
        File.WriteAllLines(expanded.GetMetadata("DependencyFile"), [recipe, "/models/llama/model.safetensors", "", "/data/calibration.txt"]);

        var again = Task(new TaskItem("llama.prune.yaml"));
        Assert.True(again.Execute());

        Assert.Equal(
            [recipe, expanded.GetMetadata("SettingsFile"), "/models/llama/model.safetensors", "/data/calibration.txt"],
            again.Inputs.Select(i => i.ItemSpec));
        Assert.All(again.Inputs, i => Assert.Equal(expanded.GetMetadata("LockFile"), i.GetMetadata("LockFile")));
    }

    [Fact]
    public void The_settings_stamp_records_the_output_folder_and_overrides()
    {
        _project.Write("llama.prune.yaml", "");
        var item = new TaskItem("llama.prune.yaml");
        item.SetMetadata("Overrides", "defaults.sparsity=0.6; calibration.samples=4");
        var task = Task(item);

        Assert.True(task.Execute());

        var expanded = Assert.Single(task.ExpandedRecipes);
        Assert.Equal(
            ["output=" + expanded.GetMetadata("OutputPath"), "set=defaults.sparsity=0.6", "set=calibration.samples=4"],
            File.ReadAllLines(expanded.GetMetadata("SettingsFile")));
    }

    [Fact]
    public void A_missing_recipe_is_PRN904()
    {
        var task = Task(new TaskItem("missing.prune.yaml"));

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("PRN904", _project.Combine("missing.prune.yaml")), (error.Code, error.File));
    }

    [Fact]
    public void Two_recipes_writing_to_one_folder_are_PRN904()
    {
        _project.Write("a/llama.prune.yaml", "");
        _project.Write("b/llama.prune.yaml", "");

        var task = Task(new TaskItem("a/llama.prune.yaml"), new TaskItem("b/llama.prune.yaml"));

        Assert.False(task.Execute());
        Assert.Contains("OutputPath", Assert.Single(_engine.Errors).Message);
    }

    private ExpandPruneRecipes Task(params ITaskItem[] recipes) => new()
    {
        BuildEngine = _engine,
        Recipes = recipes,
        ProjectDirectory = _project.Path,
        StateDirectory = "obj/state/",
        OutputRoot = "obj/pruned/",
        CacheDirectory = "obj/cache/",
    };
}
