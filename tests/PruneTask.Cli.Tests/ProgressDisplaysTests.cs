namespace PruneTask.Cli.Tests;

/// <summary>Which progress display each environment gets.</summary>
public class ProgressDisplaysTests
{
    [Theory]
    [InlineData("normal")]
    [InlineData("minimal")]
    [InlineData("detailed")]
    public void An_interactive_terminal_gets_the_live_display(string verbosity) =>
        Assert.Equal(ProgressDisplayKind.Live, ProgressDisplays.Choose(verbosity, errorRedirected: false, CiSystem.None, "xterm-256color"));

    [Theory]
    [InlineData("normal")]
    [InlineData("minimal")]
    public void Redirected_stderr_gets_a_line_per_block_from_the_first_block_on(string verbosity) =>
        Assert.Equal(ProgressDisplayKind.Lines, ProgressDisplays.Choose(verbosity, errorRedirected: true, CiSystem.None, "xterm"));

    [Theory]
    [InlineData(CiSystem.GitHubActions)]
    [InlineData(CiSystem.AzurePipelines)]
    public void CI_gets_plain_lines_even_on_a_terminal(CiSystem ci) =>
        Assert.Equal(ProgressDisplayKind.Lines, ProgressDisplays.Choose("normal", errorRedirected: false, ci, "xterm"));

    [Fact]
    public void A_dumb_terminal_gets_plain_lines() =>
        Assert.Equal(ProgressDisplayKind.Lines, ProgressDisplays.Choose("normal", errorRedirected: false, CiSystem.None, "dumb"));

    [Fact]
    public void Minimal_verbosity_without_a_live_display_prints_lines_only_after_a_minute() =>
        Assert.Equal(ProgressDisplayKind.LinesAfterAMinute, ProgressDisplays.Choose("m", errorRedirected: false, CiSystem.GitHubActions, "xterm"));

    [Theory]
    [InlineData("quiet", false, CiSystem.None)]
    [InlineData("q", true, CiSystem.None)]
    [InlineData("quiet", true, CiSystem.GitHubActions)]
    public void Quiet_shows_no_progress_anywhere(string verbosity, bool redirected, CiSystem ci) =>
        Assert.Equal(ProgressDisplayKind.None, ProgressDisplays.Choose(verbosity, redirected, ci, "xterm"));
}
