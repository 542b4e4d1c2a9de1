using PruneTask.Cli.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary>
/// A full disk and read-only folders, for real: each case runs the CLI in a private mount namespace on a small or
/// read-only tmpfs (see <see cref="CliProcess.RunIsolated"/>). A failure is one line with a code and exit 2, and
/// nothing half-written is left; a read-only cache only costs the cache.
/// </summary>
public sealed class RunWriteFailureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prune-write-failures-").FullName;

    public RunWriteFailureTests()
    {
        var model = Directory.CreateDirectory(Path.Combine(_root, "model")).FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Fixture("models", "tiny-llama-gqa")))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        }

        TokenFile.Write(Path.Combine(_root, "tokens.bin"), 4096);
        File.WriteAllText(Path.Combine(_root, "r.prune.yaml"), """
            version: 1
            model:
              path: model
            calibration:
              dataset: tokens.bin
              samples: 8
              sequence_length: 32
            defaults:
              method: sparsegpt
              sparsity: 0.5
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Runs <paramref name="mounts"/>, then the tool, then prints what is left in <paramref name="inspect"/>.</summary>
    private (int ExitCode, string Line, string Left) Run(string mounts, string arguments, string inspect)
    {
        var script = $"""
            set -e
            {mounts}
            set +e
            prune run r.prune.yaml {arguments} -v quiet >/dev/null 2>err.txt
            echo "exit=$?"
            echo "left:"
            find {inspect} -mindepth 1 | sort
            """;
        var (exitCode, output, error) = CliProcess.RunIsolated(_root, script);
        Assert.True(exitCode == 0, $"the script failed ({exitCode}): {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tool = int.Parse(lines[0]["exit=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var left = string.Join('\n', lines.SkipWhile(l => l != "left:").Skip(1));
        var errors = File.ReadAllLines(Path.Combine(_root, "err.txt")).Where(l => l.Length > 0).ToList();
        return (tool, Assert.Single(errors), left);
    }

    [Fact]
    public void A_full_disk_under_the_output_fails_with_one_line_and_leaves_nothing()
    {
        var (exitCode, line, left) = Run("mkdir full && mount -t tmpfs -o size=128k tmpfs full", "--output full/out --cache-dir cache", "full");
        Assert.Equal(2, exitCode);
        Assert.Contains($"error PRN111: disk full writing {Path.Combine(_root, "full", ".out.")}", line);
        Assert.Equal(string.Empty, left);
    }

    [Fact]
    public void A_full_disk_under_the_cache_fails_with_one_line_and_leaves_no_temp_folder()
    {
        var (exitCode, line, left) = Run("mkdir cache && mount -t tmpfs -o size=64k tmpfs cache", "--output out --cache-dir cache", "cache/.tmp");
        Assert.Equal(2, exitCode);
        Assert.Contains($"error PRN111: disk full writing {Path.Combine(_root, "cache", ".tmp")}", line);
        Assert.Equal(string.Empty, left);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public void A_read_only_output_folder_fails_with_one_line()
    {
        var (exitCode, line, left) = Run("mkdir ro && mount -t tmpfs tmpfs ro && mount -o remount,ro ro", "--output ro/out --cache-dir cache", "ro");
        Assert.Equal(2, exitCode);
        Assert.Contains($"error PRN111: cannot write {Path.Combine(_root, "ro", ".out.")}", line);
        Assert.EndsWith(": read-only.", line);
        Assert.Equal(string.Empty, left);
    }

    [Fact]
    public void A_read_only_cache_runs_without_the_cache_with_a_warning()
    {
        var (exitCode, line, left) = Run("mkdir rocache && mount -t tmpfs tmpfs rocache && mount -o remount,ro rocache", "--output out --cache-dir rocache", "rocache");
        Assert.Equal(0, exitCode);
        Assert.Equal($"warning: cache folder {Path.Combine(_root, "rocache")} is read-only: running without the cache (nothing is read from or stored in it)", line);
        Assert.Equal(string.Empty, left);
        Assert.True(File.Exists(Path.Combine(_root, "out", "prune.lock.json")));
    }
}
