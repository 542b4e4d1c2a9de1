using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Support;

/// <summary>A temporary folder with recipes over the tiny-llama-gqa fixture (magnitude needs no calibration data), run through the in-process CLI.</summary>
internal sealed class RunFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("prunetask-cli-run-").FullName;

    /// <summary>Writes NAME.prune.yaml (output out/NAME, cache in the folder) with <paramref name="body"/> appended; returns its path.</summary>
    public string Recipe(string name, string body = "defaults:\n  method: magnitude\n  sparsity: 0.5\n")
    {
        var path = Path.Combine(Root, $"{name}.prune.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", "tiny-llama-gqa")}
            output:
              path: out/{name}
            cache:
              path: cache

            """ + body);
        return path;
    }

    public string Output(string name) => Path.Combine(Root, "out", name);

    /// <summary>Runs the recipe in process and returns its output folder; fails the test when the run fails.</summary>
    public string Run(string recipe)
    {
        var (exitCode, _, error) = Cli.Run("run", recipe, "-v", "quiet");
        Assert.True(exitCode == 0, error);
        return Output(Path.GetFileName(recipe).Replace(".prune.yaml", "", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
