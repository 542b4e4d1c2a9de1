using System.Text.Json;
using PruneTask.Cli.Commands;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-cli-bench-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Bench_prints_and_writes_the_tokens_per_second_of_each_model()
    {
        var json = Path.Combine(_root, "bench.json");

        var (exitCode, output, _) = Run("bench", RepositoryPaths.Fixture("models", "tiny-llama-gqa"), RepositoryPaths.Fixture("models", "tiny-opt"),
            "--batch", "2", "--tokens", "8", "--repeats", "2", "--json", json);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("tokens/s", StringComparison.Ordinal) && l.Contains("dense", StringComparison.Ordinal)));
        using var results = JsonDocument.Parse(File.ReadAllText(json));
        Assert.All(results.RootElement.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("tokens_per_second").GetDouble() > 0));
    }

    [Fact]
    public void A_folder_that_is_not_a_model_fails_with_exit_code_2()
    {
        var (exitCode, _, error) = Run("bench", _root, "--repeats", "1");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.StartsWith("dotnet-prune: error PRN101: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_methods_times_every_method_on_a_small_layer()
    {
        var (exitCode, output, error) = Run("bench", "methods", "--size", "64", "--oats-iterations", "1");

        Assert.True(exitCode == ExitCodes.Ok, error);
        foreach (var name in new[] { "magnitude 50%", "wanda 2:4", "sparsegpt 50%", "sparsegpt 2:4", "OATS exact SVD", "OATS randomized SVD", "OSSCAR keep 0.5" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => Cli.Run(args);
}
