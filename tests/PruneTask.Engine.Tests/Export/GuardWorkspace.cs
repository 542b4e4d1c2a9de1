using PruneTask.Engine.Tests.Caching;
using PruneTask.Recipes;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Tests.Export;

/// <summary>
/// A fresh temporary repository (with a .git folder) holding model/, data/tokens.bin, images/ and recipes/, for
/// checking output and cache paths. Nothing outside it is ever named.
/// </summary>
internal sealed class GuardWorkspace : IDisposable
{
    private readonly TempFolder _temp = new();

    public GuardWorkspace(bool gitRepository = true)
    {
        Outside = Directory.CreateDirectory(_temp.Combine("outside")).FullName;
        Repository = Directory.CreateDirectory(_temp.Combine("repo")).FullName;
        if (gitRepository)
        {
            Directory.CreateDirectory(Combine(".git"));
        }

        Directory.CreateDirectory(Combine("model"));
        File.WriteAllText(Combine("model", "config.json"), "{}");
        Directory.CreateDirectory(Combine("data"));
        File.WriteAllBytes(Combine("data", "tokens.bin"), new byte[64]);
        Directory.CreateDirectory(Combine("images", "cat"));
        Directory.CreateDirectory(Combine("recipes"));
    }

    /// <summary>The repository folder.</summary>
    public string Repository { get; }

    /// <summary>A folder beside the repository, outside it.</summary>
    public string Outside { get; }

    public string Combine(params string[] parts) => Path.Combine([Repository, .. parts]);

    /// <summary>Writes recipes/NAME.prune.yaml with the given output and cache paths (as written) and loads it.</summary>
    public Recipe Recipe(string output = "out", string cache = "../cache", string dataset = "../data/tokens.bin", string? extends = null, string name = "r")
    {
        var text = $"""
            version: 1
            {(extends is null ? string.Empty : $"extends: {extends}")}
            model:
              path: ../model
            calibration:
              dataset: {dataset}
              samples: 1
              sequence_length: 4
            defaults:
              method: magnitude
              sparsity: 0.5
            output:
              path: '{output}'
            cache:
              path: '{cache}'
            """;
        var path = Combine("recipes", $"{name}.prune.yaml");
        File.WriteAllText(path, text);
        var loaded = RecipeLoader.Load(path);
        Assert.True(loaded.Recipe is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Recipe!;
    }

    public void Dispose() => _temp.Dispose();
}
