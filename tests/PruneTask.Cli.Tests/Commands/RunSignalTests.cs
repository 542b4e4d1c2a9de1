using System.Diagnostics;
using PruneTask.Cli.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary>
/// A recipe whose run lasts long enough to be interrupted (SparseGPT and perplexity on the tiny fixture, many small
/// batches), and one uninterrupted run to compare with. Every run uses the same batch size, which the results depend on.
/// </summary>
public sealed class SlowRunWorkspace : IDisposable
{
    public SlowRunWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("prune-signals-").FullName;
        TokenFile.Write(Path.Combine(Root, "tokens.bin"), 16 * 1024);
        Recipe = Path.Combine(Root, "slow.prune.yaml");
        File.WriteAllText(Recipe, $$"""
            version: 1
            model:
              path: {{RepositoryPaths.Fixture("models", "tiny-llama-gqa")}}
            calibration:
              dataset: tokens.bin
              samples: 32
              sequence_length: 32
            defaults:
              method: sparsegpt
              sparsity: 0.5
            evaluate:
              dataset: tokens.bin
              samples: 32
              sequence_length: 32
            """);
        var (exitCode, _, error) = Cli.Run("run", Recipe, "--output", CleanOutput, "--cache-dir", Path.Combine(Root, "clean-cache"), "--batch-size", BatchSize, "-v", "quiet");
        Assert.True(exitCode == 0, error);
    }

    public const string BatchSize = "2";

    public string Root { get; }

    public string Recipe { get; }

    /// <summary>The output of a run that was never interrupted.</summary>
    public string CleanOutput => Path.Combine(Root, "clean");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// SIGINT and SIGTERM sent to the real CLI mid-run: it stops within 2 s with one line and the conventional exit code,
/// keeps finished cache entries, leaves no temp folder, and a rerun gives the same bytes as an uninterrupted run.
/// </summary>
public sealed class RunSignalTests(SlowRunWorkspace workspace) : IClassFixture<SlowRunWorkspace>
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_stops_the_run_cleanly_and_a_rerun_matches_an_uninterrupted_run(string signal, int expectedExitCode)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workspace.Root, signal)).FullName;
        var output = Path.Combine(folder, "out");
        var cache = Path.Combine(folder, "cache");
        string[] args = ["run", workspace.Recipe, "--output", output, "--cache-dir", cache, "--batch-size", SlowRunWorkspace.BatchSize, "-v", "quiet"];

        using (var run = CliProcess.Start(folder, args))
        {
            WaitForFirstCacheEntry(run, Path.Combine(cache, "statistics"));
            run.Signal(signal);
            var clock = Stopwatch.StartNew();
            var (exitCode, _, error) = run.WaitForExit(TimeSpan.FromMinutes(1));
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.Equal(expectedExitCode, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"cancelled: SIG{signal} received", line);
            Assert.True(seconds < 2, $"exited {seconds:F2} s after SIG{signal}");
        }

        Assert.Equal(["cache"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(cache, ".tmp")));
        Assert.NotEmpty(Directory.EnumerateDirectories(Path.Combine(cache, "statistics")));

        var (rerunExit, _, rerunError) = Cli.Run(args);
        Assert.True(rerunExit == 0, rerunError);
        Assert.Equal(Files(workspace.CleanOutput), Files(output));
    }

    private static void WaitForFirstCacheEntry(CliProcess run, string statistics)
    {
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(statistics) && Directory.EnumerateDirectories(statistics).Any()))
        {
            Assert.False(run.HasExited, "the run ended before it could be interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the run wrote no cache entry within 3 minutes");
            Thread.Sleep(20);
        }
    }

    /// <summary>Every output file but the reports (which hold timings) with its bytes.</summary>
    private static IReadOnlyList<(string Name, string Hash)> Files(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith("report.", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))))
            .Order()
            .ToList();
}
