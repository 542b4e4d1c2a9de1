using Microsoft.Build.Utilities;
using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class RecipeLayoutTests : IDisposable
{
    private static readonly string Separator = Path.DirectorySeparatorChar.ToString();

    private readonly TempDirectory _project = new();

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("models/llama.prune.yaml", "llama")]
    [InlineData("llama.prune.yml", "llama")]
    [InlineData("opt-125m.yaml", "opt-125m")]
    [InlineData("v2.recipe.prune.yaml", "v2.recipe")]
    [InlineData(".prune.yaml", ".prune")]
    public void The_name_is_the_file_name_without_prune_yaml(string path, string expected) =>
        Assert.Equal(expected, RecipeLayout.NameOf(path));

    [Fact]
    public void Defaults_put_the_output_under_the_output_root_and_the_lock_file_inside_it()
    {
        var layout = Layout(new TaskItem("models/llama.prune.yaml"));

        Assert.Equal(_project.Combine("models", "llama.prune.yaml"), layout.Recipe);
        Assert.Equal(_project.Combine("obj", "pruned", "llama") + Separator, layout.OutputPath);
        Assert.Equal(_project.Combine("obj", "pruned", "llama", "prune.lock.json"), layout.LockFile);
        Assert.Equal(_project.Combine("obj", "cache") + Separator, layout.CachePath);
        Assert.Equal(Path.Combine("pruned", "llama") + Separator, layout.TargetPath);
    }

    [Fact]
    public void Metadata_overrides_the_output_cache_and_copy_folders()
    {
        var item = new TaskItem("llama.prune.yaml");
        item.SetMetadata("OutputPath", "models/pruned/");
        item.SetMetadata("CachePath", "/shared/cache");
        item.SetMetadata("TargetPath", "weights");

        var layout = Layout(item);

        Assert.Equal(_project.Combine("models", "pruned") + Separator, layout.OutputPath);
        Assert.Equal(Path.GetFullPath("/shared/cache") + Separator, layout.CachePath);
        Assert.Equal("weights" + Separator, layout.TargetPath);
    }

    [Fact]
    public void Recipes_with_the_same_name_in_different_folders_keep_separate_state_files()
    {
        var first = Layout(new TaskItem("a/llama.prune.yaml"));
        var second = Layout(new TaskItem("b/llama.prune.yaml"));

        Assert.NotEqual(first.DependencyFile, second.DependencyFile);
        Assert.StartsWith(_project.Combine("obj", "state", "llama."), first.DependencyFile);
        Assert.EndsWith(".deps", first.DependencyFile);
    }

    private RecipeLayout Layout(TaskItem item) =>
        new(item, _project.Path, stateDirectory: "obj/state/", outputRoot: "obj/pruned/", cacheDirectory: "obj/cache/");
}
