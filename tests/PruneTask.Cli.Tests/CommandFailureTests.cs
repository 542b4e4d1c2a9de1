using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests;

/// <summary>Every failure a command meets is one line with a code and exit code 2; 1 only for an invalid recipe.</summary>
public sealed class CommandFailureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-failure-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("plan", "x.prune.yaml", "--no-such-option")]
    [InlineData("runn", "x.prune.yaml")]
    [InlineData("run")]
    [InlineData("cache", "clean", "--older-than", "soon")]
    public void A_command_line_that_does_not_parse_exits_2_with_PRN100(params string[] args)
    {
        var (exitCode, _, error) = Cli.Run(args);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.All(Lines(error), line => Assert.StartsWith("dotnet-prune: error PRN100: ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void An_exception_inside_a_command_is_one_line_with_a_code_and_the_stack_only_with_verbose()
    {
        var recipe = Path.Combine(_root, "r.prune.yaml");
        File.WriteAllText(recipe, "version: 1\n");
        var deps = Path.Combine(recipe, "deps.txt");

        var (exitCode, _, error) = Cli.Run("run", recipe, "--deps-file", deps);
        var (_, _, verbose) = Cli.Run("run", recipe, "--deps-file", deps, "--verbose");

        Assert.Equal(ExitCodes.Failed, exitCode);
        var line = Assert.Single(Lines(error), l => l.Contains("PRN107", StringComparison.Ordinal));
        Assert.StartsWith("dotnet-prune: error PRN107: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("{}")]
    public void A_corrupt_report_is_one_line_not_a_stack_trace(string text)
    {
        File.WriteAllText(Path.Combine(_root, "report.json"), text);

        var (exitCode, _, error) = Cli.Run("report", _root);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.StartsWith($"{Path.Combine(_root, "report.json")}: error PRN105: ", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{}")]
    [InlineData("{\"stage_keys\": null}")]
    public void Plan_with_a_corrupt_lock_file_reports_the_cache_status_unknown(string lockText)
    {
        var recipe = Path.Combine(_root, "r.prune.yaml");
        File.WriteAllText(recipe, $"version: 1\nmodel:\n  path: {RepositoryPaths.Fixture("models", "tiny-llama-gqa")}\ndefaults:\n  method: magnitude\n  sparsity: 0.5\noutput:\n  path: out\n");
        Directory.CreateDirectory(Path.Combine(_root, "out"));
        File.WriteAllText(Path.Combine(_root, "out", "prune.lock.json"), lockText);

        var (exitCode, output, error) = Cli.Run("plan", recipe);

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Contains("is not a lock file written by `dotnet prune run`", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unclosed_flow_list_of_the_issue_is_PRN001_at_its_bracket_and_exit_1()
    {
        var recipe = Path.Combine(_root, "r.prune.yaml");
        File.WriteAllText(recipe, "version: 1\nmodel:\n  path: m\ncalibration:\n  samples: [8\n  seed: 1\n");

        var (exitCode, _, error) = Cli.Run("validate", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Equal($"{recipe}(5,12): error PRN001: YAML syntax error: this [ or {{ is not closed where it should be.", Assert.Single(Lines(error)));
    }

    [Fact]
    public void An_alias_bomb_is_refused_with_PRN006_and_exit_1()
    {
        var recipe = Path.Combine(_root, "bomb.prune.yaml");
        var levels = Enumerable.Range(1, 9).Select(l => $"l{l}: &l{l} [{string.Join(",", Enumerable.Repeat($"*l{l - 1}", 9))}]");
        File.WriteAllLines(recipe, ["version: 1", "l0: &l0 [lol]", .. levels]);

        var (exitCode, _, error) = Cli.Run("validate", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Contains("error PRN006: ", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
