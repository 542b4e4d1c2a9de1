using PruneTask.Engine.Reporting;

namespace PruneTask.Cli.Tests;

public class BlockProgressPrinterTests
{
    [Fact]
    public void A_line_states_the_block_the_mean_time_per_block_the_elapsed_time_and_the_time_left()
    {
        var progress = new RunProgress(3, 22, TimeSpan.FromSeconds(123.6));

        Assert.Equal("block 3/22  41.2 s/block  elapsed 2:03  eta 13:02", BlockProgressPrinter.Format(progress));
    }

    [Fact]
    public void Hours_are_shown_once_a_run_takes_one()
    {
        var progress = new RunProgress(1, 80, TimeSpan.FromSeconds(300));

        Assert.Equal("block 1/80  300.0 s/block  elapsed 5:00  eta 6:35:00", BlockProgressPrinter.Format(progress));
    }

    [Fact]
    public void When_not_always_printing_only_blocks_after_the_first_minute_are_printed()
    {
        var error = new StringWriter();
        var printer = new BlockProgressPrinter(error, always: false);

        printer.Report(new RunProgress(1, 4, TimeSpan.FromSeconds(30)));
        printer.Report(new RunProgress(2, 4, TimeSpan.FromSeconds(61)));

        Assert.Equal(["block 2/4  30.5 s/block  elapsed 1:01  eta 1:01"], error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_loop_start_layer_and_evaluation_steps_print_nothing_and_block_lines_hold_no_control_characters()
    {
        var error = new StringWriter();
        var printer = new BlockProgressPrinter(error, always: true);

        printer.Report(new RunProgress(0, 2, TimeSpan.Zero));
        printer.Report(RunProgress.Layer(1, 7, "model.layers.0.self_attn.q_proj"));
        printer.Report(new RunProgress(1, 2, TimeSpan.FromSeconds(3)));
        printer.Report(RunProgress.Evaluation(1, 3, "dense"));

        var text = error.ToString();
        Assert.Equal("block 1/2  3.0 s/block  elapsed 0:03  eta 0:03" + Environment.NewLine, text);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r');
    }
}
