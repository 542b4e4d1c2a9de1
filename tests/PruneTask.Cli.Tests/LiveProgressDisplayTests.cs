using PruneTask.Engine.Reporting;

namespace PruneTask.Cli.Tests;

/// <summary>The live display drawn into a writer, as it would be on a terminal.</summary>
public class LiveProgressDisplayTests
{
    [Fact]
    public void The_display_shows_the_stage_the_block_and_the_layer_with_a_bar_and_keeps_its_last_frame()
    {
        var terminal = new StringWriter();
        var display = LiveProgressDisplay.On(terminal);

        var result = display.Show(() =>
        {
            display.Report(new RunProgress(0, 2, TimeSpan.Zero));
            display.Report(RunProgress.Layer(3, 7, "model.layers.0.mlp.gate_proj"));
            display.Report(new RunProgress(1, 2, TimeSpan.FromSeconds(1)));
            display.Report(RunProgress.Evaluation(2, 3, "dense"));
            return 42;
        });

        Assert.Equal(42, result);
        var lastFrame = Plain(terminal.ToString());
        Assert.Contains("prune  block 1/2", lastFrame, StringComparison.Ordinal);
        Assert.Contains("evaluate dense  block 2/2", lastFrame, StringComparison.Ordinal);
        Assert.Contains("50%", lastFrame, StringComparison.Ordinal);
        Assert.Contains("━", lastFrame, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_event_names_the_layer_within_the_current_block()
    {
        var terminal = new StringWriter();
        var display = LiveProgressDisplay.On(terminal);

        display.Show(() =>
        {
            display.Report(new RunProgress(1, 4, TimeSpan.FromSeconds(1)));
            display.Report(RunProgress.Layer(5, 7, "model.layers.1.mlp.up_proj"));
            return 0;
        });

        var frame = Plain(terminal.ToString());
        Assert.Contains("prune  block 2/4  layer 5/7 mlp.up_proj", frame, StringComparison.Ordinal);
        Assert.Contains(" 40% ", frame, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_run_ends_the_display_and_its_error_propagates_after_the_last_frame()
    {
        var terminal = new StringWriter();
        var display = LiveProgressDisplay.On(terminal);

        var error = Assert.Throws<InvalidOperationException>(() => display.Show<int>(() =>
        {
            display.Report(new RunProgress(1, 2, TimeSpan.FromSeconds(1)));
            throw new InvalidOperationException("boom");
        }));
        terminal.WriteLine("error: " + error.Message);

        var lines = Plain(terminal.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: boom", lines[^1].TrimEnd());
        Assert.Contains(lines, l => l.Contains("prune  block 1/2", StringComparison.Ordinal));
    }

    [Fact]
    public void Log_lines_written_during_the_display_are_printed_whole()
    {
        var terminal = new StringWriter();
        var display = LiveProgressDisplay.On(terminal);

        display.Show(() =>
        {
            display.Report(new RunProgress(1, 2, TimeSpan.FromSeconds(1)));
            display.Messages.WriteLine("block 1/2: statistics computed, 7 layers (0 from cache)");
            return 0;
        });

        Assert.Contains("block 1/2: statistics computed, 7 layers (0 from cache)\n", Plain(terminal.ToString()).Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The text without ANSI control sequences (colours, cursor movement).</summary>
    private static string Plain(string ansi) => System.Text.RegularExpressions.Regex.Replace(ansi, @"\x1b\[[0-9;?]*[A-Za-z]", "");
}
