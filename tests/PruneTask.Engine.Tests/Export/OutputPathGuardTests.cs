using PruneTask.Engine.Export;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Tests.Export;

public sealed class OutputPathGuardTests : IDisposable
{
    private readonly GuardWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private PruneRunException Refused(string output, string cache = "../cache", string? outputOverride = null, string? cacheOverride = null, string dataset = "../data/tokens.bin")
    {
        var recipe = _work.Recipe(output, cache, dataset);
        var e = Assert.Throws<PruneRunException>(() => OutputPathGuard.Check(recipe, outputOverride, cacheOverride));
        Assert.Equal(RunErrorCodes.UnsafePath, e.Code);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Theory]
    [InlineData("../model", "is the model folder")]
    [InlineData("../model/", "is the model folder")]
    [InlineData("../model/.", "is the model folder")]
    [InlineData("../recipes/../model", "is the model folder")]
    [InlineData("../MODEL", "is the model folder")]
    [InlineData("../model/pruned", "lies inside the model folder")]
    [InlineData(".", "is the folder of recipe r.prune.yaml")]
    [InlineData("./", "is the folder of recipe r.prune.yaml")]
    [InlineData("..", "contains the model folder")]
    [InlineData("../data", "is the folder of calibration.dataset tokens.bin")]
    [InlineData("../cache", "is the cache folder")]
    [InlineData("../cache/out", "lies inside the cache folder")]
    [InlineData("../data/tokens.bin", "is a file, not a folder")]
    [InlineData("r.prune.yaml", "is a file, not a folder")]
    public void Refuses_an_output_that_is_contains_or_lies_in_an_input(string output, string why)
    {
        var e = Refused(output);
        Assert.Contains(why, e.Message);
        Assert.Contains("output.path '", e.Message);
    }

    [Fact]
    public void Refuses_an_output_that_contains_the_cache()
    {
        Assert.Contains("contains the cache folder", Refused("build", cache: "build/cache").Message);
    }

    [Fact]
    public void Refuses_an_output_inside_an_image_folder_dataset()
    {
        Assert.Contains("lies inside the calibration.dataset folder", Refused("../images/out", dataset: "../images").Message);
    }

    [Fact]
    public void Allows_an_output_beside_the_recipe_or_the_data()
    {
        var recipe = _work.Recipe("out/");
        var paths = OutputPathGuard.Check(recipe, null, null);
        Assert.Equal(_work.Combine("recipes", "out"), paths.Output);
        Assert.Equal(_work.Combine("cache"), paths.Cache);
        Assert.Equal(_work.Combine("data", "out"), OutputPathGuard.Check(_work.Recipe("../data/out"), null, null).Output);
    }

    [Fact]
    public void Points_at_the_recipe_line_of_output_path()
    {
        var e = Refused("../model");
        Assert.Equal(_work.Combine("recipes", "r.prune.yaml"), Path.GetFullPath(e.Position!.Value.File));
        Assert.Equal(13, e.Position.Value.Line);
    }

    [Fact]
    public void Refuses_a_non_empty_folder_that_is_not_an_earlier_output()
    {
        Directory.CreateDirectory(_work.Combine("recipes", "out"));
        File.WriteAllText(_work.Combine("recipes", "out", "notes.txt"), "mine");
        Assert.Contains("no prune.lock.json", Refused("out").Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"tool_version\": \"\", \"recipe_hash\": \"x\", \"model_fingerprint\": \"x\", \"data_fingerprints\": {}, \"stage_keys\": {}, \"outputs\": {}}")]
    public void A_marker_that_is_not_a_lock_file_does_not_make_an_earlier_output(string marker)
    {
        Directory.CreateDirectory(_work.Combine("recipes", "out"));
        File.WriteAllText(_work.Combine("recipes", "out", "prune.lock.json"), marker);
        Assert.Contains("no prune.lock.json", Refused("out").Message);
    }

    [Fact]
    public void Allows_an_empty_folder_and_an_earlier_output()
    {
        var output = Directory.CreateDirectory(_work.Combine("recipes", "out")).FullName;
        Assert.Equal(output, OutputPathGuard.Check(_work.Recipe("out"), null, null).Output);
        File.WriteAllText(Path.Combine(output, "prune.lock.json"), OutputFolderTests.LockJson);
        File.WriteAllText(Path.Combine(output, "model.safetensors"), "x");
        Assert.Equal(output, OutputPathGuard.Check(_work.Recipe("out"), null, null).Output);
    }

    [Fact]
    public void Refuses_an_output_that_is_a_symbolic_link()
    {
        Directory.CreateSymbolicLink(_work.Combine("recipes", "out"), _work.Combine("outputs-elsewhere"));
        Assert.Contains("is a symbolic link", Refused("out").Message);
    }

    [Fact]
    public void Resolves_links_along_the_path()
    {
        Directory.CreateSymbolicLink(_work.Combine("recipes", "weights"), _work.Combine("model"));
        Assert.Contains("lies inside the model folder", Refused("weights/out").Message);
        Directory.CreateSymbolicLink(_work.Combine("link-to-repo"), _work.Repository);
        Assert.Contains("is the model folder", Refused("../link-to-repo/model").Message);
    }

    [Fact]
    public void Refuses_a_relative_recipe_path_that_leaves_the_repository()
    {
        var e = Refused("../../outside/out");
        Assert.Contains($"leaves the repository holding the recipe ({_work.Repository})", e.Message);
        Assert.Contains("--output", e.Message);
    }

    [Fact]
    public void Refuses_a_relative_cache_path_that_leaves_the_repository()
    {
        var e = Refused("out", cache: "../../outside/cache");
        Assert.StartsWith("cache.path '", e.Message);
        Assert.Contains("leaves the repository", e.Message);
    }

    [Fact]
    public void Allows_paths_outside_the_repository_from_the_command_line_or_written_absolute()
    {
        var recipe = _work.Recipe("../../outside/out", "../../outside/cache");
        var outside = Path.Combine(_work.Outside, "o");
        var paths = OutputPathGuard.Check(recipe, outside, Path.Combine(_work.Outside, "c"));
        Assert.Equal(outside, paths.Output);
        Assert.Equal(outside, OutputPathGuard.Check(_work.Recipe(outside, Path.Combine(_work.Outside, "c")), null, null).Output);
    }

    [Fact]
    public void Command_line_paths_get_every_other_check()
    {
        var recipe = _work.Recipe();
        var e = Assert.Throws<PruneRunException>(() => OutputPathGuard.Check(recipe, _work.Combine("model"), null));
        Assert.Equal("--output '" + _work.Combine("model") + "' is the model folder.", e.Message);
        Assert.Null(e.Position);
        var cache = Assert.Throws<PruneRunException>(() => OutputPathGuard.Check(recipe, null, _work.Combine("recipes", "out")));
        Assert.Contains("is the cache folder", cache.Message);
    }

    [Fact]
    public void Without_a_git_folder_the_repository_is_the_recipes_folder()
    {
        using var work = new GuardWorkspace(gitRepository: false);
        var recipe = work.Recipe("../outputs/r");
        var e = Assert.Throws<PruneRunException>(() => OutputPathGuard.Check(recipe, null, null));
        Assert.Contains($"leaves the repository holding the recipe ({work.Combine("recipes")})", e.Message);
    }

    [Fact]
    public void A_git_file_marks_a_repository_too()
    {
        using var work = new GuardWorkspace(gitRepository: false);
        File.WriteAllText(work.Combine(".git"), "gitdir: /elsewhere/.git/worktrees/x");
        Assert.Equal(work.Combine("outputs", "r"), OutputPathGuard.Check(work.Recipe("../outputs/r", "../cache"), null, null).Output);
    }

    [Fact]
    public void Protects_the_folders_of_recipes_it_extends()
    {
        Directory.CreateDirectory(_work.Combine("base"));
        File.WriteAllText(_work.Combine("base", "common.prune.yaml"), "version: 1\n");
        var recipe = _work.Recipe("../base", extends: "../base/common.prune.yaml");
        var e = Assert.Throws<PruneRunException>(() => OutputPathGuard.Check(recipe, null, null));
        Assert.Contains("is the folder of recipe common.prune.yaml", e.Message);
    }

    [Fact]
    public void Refuses_a_cache_path_that_is_a_file()
    {
        File.WriteAllText(_work.Combine("cachefile"), "x");
        Assert.Contains("is a file", Refused("out", cache: "../cachefile").Message);
    }
}
