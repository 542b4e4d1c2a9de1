using PruneTask.Cli.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary>
/// The real <c>run</c> command on dangerous output and cache paths: exit 2 with one line, before any work, and not one
/// byte changed anywhere under the workspace (model, recipes, data, a folder of someone else's files).
/// </summary>
public sealed class RunOutputSafetyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prune-output-safety-").FullName;

    public RunOutputSafetyTests()
    {
        Directory.CreateDirectory(Repo(".git"));
        CopyFolder(RepositoryPaths.Fixture("models", "tiny-llama-gqa"), Repo("model"));
        Directory.CreateDirectory(Repo("data"));
        TokenFile.Write(Repo("data", "tokens.bin"), 4096);
        Directory.CreateDirectory(Repo("precious"));
        File.WriteAllText(Repo("precious", "notes.txt"), "someone else's files");
        Directory.CreateDirectory(Repo("recipes"));
        Directory.CreateDirectory(Path.Combine(_root, "outside"));
        File.WriteAllText(Path.Combine(_root, "outside", "keep.txt"), "outside the repository");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Repo(params string[] parts) => Path.Combine([_root, "repo", .. parts]);

    private string Recipe(string output, string cache = "../cache")
    {
        var path = Repo("recipes", "r.prune.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model:
              path: ../model
            calibration:
              dataset: ../data/tokens.bin
              samples: 4
              sequence_length: 16
            defaults:
              method: wanda
              sparsity: 0.5
            output:
              path: '{output}'
            cache:
              path: '{cache}'
            """);
        return path;
    }

    private void AssertRefusedUntouched(string why, params string[] args)
    {
        var before = FolderSnapshot.Take(_root);
        var (exitCode, _, error) = Cli.Run(["run", .. args, "-v", "quiet"]);
        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("error PRN110: ", line);
        Assert.Contains(why, line);
        Assert.Equal(before, FolderSnapshot.Take(_root));
        Assert.False(Directory.Exists(Repo("cache")), "the cache folder was created: the check came after work began");
    }

    [Theory]
    [InlineData("../model", "is the model folder")]
    [InlineData("../model/", "is the model folder")]
    [InlineData("../model/pruned", "lies inside the model folder")]
    [InlineData(".", "is the folder of recipe r.prune.yaml")]
    [InlineData("..", "contains the model folder")]
    [InlineData("../data", "is the folder of calibration.dataset tokens.bin")]
    [InlineData("../precious", "no prune.lock.json")]
    [InlineData("../../outside", "leaves the repository holding the recipe")]
    [InlineData("r.prune.yaml", "is a file, not a folder")]
    [InlineData("/", "contains the model folder")]
    public void Refuses_a_dangerous_output_path_in_the_recipe(string output, string why)
    {
        AssertRefusedUntouched(why, Recipe(output));
    }

    [Fact]
    public void Shows_the_recipe_position_of_output_path()
    {
        var recipe = Recipe("../model");
        var (_, _, error) = Cli.Run("run", recipe, "-v", "quiet");
        Assert.StartsWith($"{recipe}(12,9): error PRN110: output.path '{Repo("model")}' is the model folder.", error.Trim());
    }

    [Fact]
    public void Refuses_dangerous_command_line_paths()
    {
        var recipe = Recipe("out");
        AssertRefusedUntouched("is the model folder", recipe, "--output", Repo("model"));
        AssertRefusedUntouched("no prune.lock.json", recipe, "--output", Path.Combine(_root, "outside"));
        AssertRefusedUntouched("is the cache folder", recipe, "--output", Repo("recipes", "c"), "--cache-dir", Repo("recipes", "c"));
    }

    [Fact]
    public void Refuses_a_recipe_cache_path_that_leaves_the_repository()
    {
        AssertRefusedUntouched("cache.path '", Recipe("out", cache: "../../outside/cache"));
        Assert.False(Directory.Exists(Path.Combine(_root, "outside", "cache")));
    }

    [Fact]
    public void Refuses_an_output_link_to_a_folder()
    {
        Directory.CreateSymbolicLink(Repo("recipes", "out"), Repo("precious"));
        AssertRefusedUntouched("is a symbolic link", Recipe("out"));
    }

    [Fact]
    public void Replaces_an_earlier_output_and_writes_where_the_command_line_says()
    {
        var recipe = Recipe("out");
        Assert.Equal(0, Cli.Run("run", recipe, "-v", "quiet").ExitCode);
        Assert.Equal(0, Cli.Run("run", recipe, "-v", "quiet").ExitCode);
        Assert.True(File.Exists(Repo("recipes", "out", "prune.lock.json")));
        var elsewhere = Path.Combine(_root, "outside", "pruned");
        Assert.Equal(0, Cli.Run("run", recipe, "--output", elsewhere, "-v", "quiet").ExitCode);
        Assert.True(File.Exists(Path.Combine(elsewhere, "prune.lock.json")));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(Repo("recipes")).Select(Path.GetFileName).Where(n => n != "r.prune.yaml"));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
