using System.Diagnostics;
using System.Text.RegularExpressions;
using PruneTask.Cli.Tests.Support;
using PruneTask.MSBuild.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

/// <summary>
/// The progress of a real <c>dotnet-prune run</c> (SparseGPT and perplexity on the two-block fixture, a few seconds):
/// in a terminal (tmux, 120 columns) a live display drawn in place that ends before the summary, or before the
/// cancellation line on Ctrl+C; with stderr redirected, plain block lines without a control character.
/// </summary>
public sealed partial class RunProgressTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prune-progress-").FullName;

    public RunProgressTests()
    {
        TokenFile.Write(Path.Combine(_root, "tokens.bin"), 64 * 1024);
    }

    [Fact]
    public void In_a_terminal_the_run_draws_one_bar_per_stage_in_place_and_ends_it_before_the_summary()
    {
        var recipe = Recipe(samples: 32);

        using var terminal = new TerminalSession(_root, Command(recipe), width: 120, height: 60);
        var (exitCode, screen) = WaitForExit(terminal);

        Assert.True(exitCode == 0, screen);
        var lines = screen.Split('\n');
        var prune = Assert.Single(lines, l => l.StartsWith("prune  ", StringComparison.Ordinal));
        Assert.Matches(FinishedBar("prune  block 2/2"), prune);
        Assert.Matches(FinishedBar("evaluate dense  done"), Assert.Single(lines, l => l.StartsWith("evaluate dense", StringComparison.Ordinal)));
        Assert.Matches(FinishedBar("evaluate pruned  done"), Assert.Single(lines, l => l.StartsWith("evaluate pruned", StringComparison.Ordinal)));
        var log = Array.FindIndex(lines, l => l.StartsWith("block 2/2: statistics computed", StringComparison.Ordinal));
        var summary = Array.FindIndex(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal));
        Assert.True(log >= 0 && log < Array.IndexOf(lines, prune) && Array.IndexOf(lines, prune) < summary, screen);
    }

    [Fact]
    public void Ctrl_C_in_a_terminal_leaves_the_last_frame_and_then_the_one_cancellation_line()
    {
        // Long enough (about 20 s uncancelled) that Ctrl+C lands inside the run even when a loaded machine is slow to show
        // the display: a run of 256 samples sometimes ended first, and the shell then ended with it.
        var recipe = Recipe(samples: 2048);

        using var terminal = new TerminalSession(_root, Command(recipe), width: 120, height: 60);
        var clock = Stopwatch.StartNew();
        while (!terminal.Screen().Contains("layer ", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no live display within 30 s:\n" + terminal.Screen());
            Thread.Sleep(50);
        }

        terminal.SendKeys("C-c");
        var (exitCode, screen) = WaitForExit(terminal);

        Assert.True(exitCode == 130, screen);
        var lines = screen.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("exit ", StringComparison.Ordinal)).ToArray();
        Assert.StartsWith("cancelled: SIGINT received", lines[^1], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("prune  block ", StringComparison.Ordinal) && l.Contains('━'));
    }

    [Fact]
    public void With_stderr_redirected_each_block_is_one_plain_line()
    {
        var (exitCode, _, error) = CliProcess.Run(_root, new Dictionary<string, string>(), "run", Recipe(samples: 8), "--output", "out", "--cache-dir", "cache");

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"(?m)^block 1/2  \d+\.\d s/block  elapsed 0:\d\d  eta 0:\d\d\r?$", error);
        Assert.Matches(@"(?m)^block 2/2  \d+\.\d s/block  elapsed 0:\d\d  eta 0:00\r?$", error);
        Assert.DoesNotContain(error, c => char.IsControl(c) && c is not '\n' and not '\r');
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A bar of the live display that has finished: its text, the bar, 100 %.</summary>
    private static Regex FinishedBar(string text) => new($@"^{Regex.Escape(text)}\s+━+ 100% \d\d:\d\d:\d\d");

    private string Recipe(int samples)
    {
        var path = Path.Combine(_root, $"progress{samples}.prune.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", "tiny-llama-gqa")}
            calibration:
              dataset: tokens.bin
              samples: {samples}
              sequence_length: 32
            defaults:
              method: sparsegpt
              sparsity: 0.5
            evaluate:
              dataset: tokens.bin
              samples: {samples}
              sequence_length: 32
            """);
        return path;
    }

    /// <summary>The run, with no CI variable, then its exit code on a line of its own; the shell stays so the screen can be read.</summary>
    private static string Command(string recipe) =>
        $"env -u GITHUB_ACTIONS -u TF_BUILD -u NO_COLOR TERM=xterm-256color '{DotNetHost.Path}' '{Path.Combine(AppContext.BaseDirectory, "dotnet-prune.dll")}' "
        + $"run '{recipe}' --output out-{Path.GetFileNameWithoutExtension(recipe)} --cache-dir cache --batch-size 2; echo \"exit $?\"; sleep 600";

    private static (int ExitCode, string Screen) WaitForExit(TerminalSession terminal)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = terminal.Screen();
            if (ExitLine().Match(screen) is { Success: true } exit)
            {
                return (int.Parse(exit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), screen);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the run did not end within 60 s:\n" + screen);
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"(?m)^exit (\d+)$")]
    private static partial Regex ExitLine();
}
