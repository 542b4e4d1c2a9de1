using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary><c>run</c>, <c>plan</c> and <c>cache</c> find the cache folder the same way: --cache-dir, recipe, PRUNE_CACHE_DIR, per-user default.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CacheFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-cache-folder-").FullName;
    private readonly Dictionary<string, string?> _saved = new[] { CacheLocation.EnvironmentVariable, "XDG_CACHE_HOME" }
        .ToDictionary(n => n, Environment.GetEnvironmentVariable);

    public CacheFolderTests() => Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(_root, "xdg"));

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(false, false, false, "xdg/prunetask")]
    [InlineData(true, false, false, "variable")]
    [InlineData(true, true, false, "recipe-cache")]
    [InlineData(false, true, false, "recipe-cache")]
    [InlineData(true, false, true, "command-line")]
    [InlineData(true, true, true, "command-line")]
    public void Run_plan_and_cache_list_use_the_same_folder(bool variable, bool recipeSaysCache, bool commandLine, string expected)
    {
        if (variable)
        {
            Environment.SetEnvironmentVariable(CacheLocation.EnvironmentVariable, Path.Combine(_root, "variable"));
        }

        var recipe = WriteRecipe(recipeSaysCache);
        string[] cacheDir = commandLine ? ["--cache-dir", Path.Combine(_root, "command-line")] : [];
        var expectedFolder = Path.Combine(_root, expected);

        var (exitCode, _, error) = Cli.Run(["run", recipe, .. cacheDir]);
        Assert.True(exitCode == ExitCodes.Ok, error);
        var (_, list, _) = Cli.Run(["cache", "list", "--json", "--recipe", recipe, .. cacheDir]);
        var (_, plan, _) = Cli.Run(["plan", recipe, "--json", .. cacheDir]);

        var entries = JsonDocument.Parse(list).RootElement.EnumerateArray().Select(e => e.GetProperty("directory").GetString()!).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, d => Assert.StartsWith(expectedFolder + Path.DirectorySeparatorChar, d, StringComparison.Ordinal));
        Assert.Equal(expectedFolder, JsonDocument.Parse(plan).RootElement.GetProperty("cache").GetProperty("path").GetString());
        Assert.True(JsonDocument.Parse(plan).RootElement.GetProperty("cache").GetProperty("current").GetBoolean());
        Assert.Equal(
            [expectedFolder],
            new[] { "xdg/prunetask", "variable", "recipe-cache", "command-line" }.Select(f => Path.Combine(_root, f)).Where(Directory.Exists));
    }

    [Fact]
    public void Cache_list_without_a_recipe_uses_the_variable_then_the_per_user_folder()
    {
        var (_, byDefault, _) = Cli.Run("cache", "size");
        Environment.SetEnvironmentVariable(CacheLocation.EnvironmentVariable, Path.Combine(_root, "variable"));
        var (_, byVariable, _) = Cli.Run("cache", "size");

        Assert.EndsWith($" in {Path.Combine(_root, "xdg", "prunetask")}", byDefault.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith($" in {Path.Combine(_root, "variable")}", byVariable.TrimEnd(), StringComparison.Ordinal);
    }

    private string WriteRecipe(bool withCache)
    {
        var path = Path.Combine(_root, "magnitude.prune.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", "tiny-llama-gqa")}
            defaults:
              method: magnitude
              sparsity: 0.5
            output:
              path: out
            {(withCache ? "cache:\n  path: recipe-cache" : "")}
            """);
        return path;
    }
}
