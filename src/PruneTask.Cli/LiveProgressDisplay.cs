using System.Globalization;
using System.Text;
using Spectre.Console;
using PruneTask.Engine.Reporting;

namespace PruneTask.Cli;

/// <summary>
/// The live progress of a run in a terminal, redrawn in place on stderr: one row per stage (prune, evaluate dense,
/// evaluate pruned) with the current block and layer, a bar, elapsed time and the time left. Colour follows the
/// terminal and NO_COLOR (Spectre's detection). The last frame stays on screen when the run ends, fails or is cancelled.
/// </summary>
public sealed class LiveProgressDisplay : IRunProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, ProgressTask> _stages = new(StringComparer.Ordinal);
    private ProgressContext? _context;

    public LiveProgressDisplay(IAnsiConsole console)
    {
        _console = console;
        Messages = new ConsoleLineWriter(console);
    }

    /// <summary>
    /// The display on <paramref name="terminal"/>, which the caller has found to be a terminal (stderr). Spectre would
    /// also ask whether stdout is one, so ANSI and interactivity are stated, not detected; the colours are still
    /// detected (NO_COLOR, TERM, COLORTERM).
    /// </summary>
    public static LiveProgressDisplay On(TextWriter terminal) => new(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(terminal),
        Ansi = AnsiSupport.Yes,
        Interactive = InteractionSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
    }));

    public TextWriter Messages { get; }

    public T Show<T>(Func<T> run) => _console.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(
            new TaskDescriptionColumn { Alignment = Justify.Left },
            new ProgressBarColumn(),
            new PercentageColumn(),
            new ElapsedTimeColumn(),
            new RemainingTimeColumn(),
            new SpinnerColumn())
        .Start(context =>
        {
            _context = context;
            try
            {
                return run();
            }
            catch
            {
                // Spectre draws the final frame only on success; a failed or cancelled run shows where it stopped.
                context.Refresh();
                throw;
            }
            finally
            {
                _context = null;
            }
        });

    public void Report(RunProgress value)
    {
        if (_context is null)
        {
            return;
        }

        switch (value.Kind)
        {
            case ProgressKind.Block:
                Finish(Update("prune", value.Total, value.Completed, Invariant($"block {value.Completed}/{value.Total}")));
                break;
            case ProgressKind.Layer when _stages.TryGetValue("prune", out var prune):
                var blocks = (int)prune.Value;
                // A block is its layers and then one pass of the pruned block, so its last layer does not fill it.
                Update("prune", prune.MaxValue, blocks + ((double)value.Completed / (value.Total + 1)),
                    Invariant($"block {blocks + 1}/{prune.MaxValue}  layer {value.Completed}/{value.Total} {WithinBlock(value.Name)}"));
                break;
            case ProgressKind.Evaluation:
                Finish(Update($"evaluate {value.Name}", value.Total, value.Completed,
                    value.Completed < value.Total ? Invariant($"block {value.Completed}/{value.Total - 1}") : "done"));
                break;
        }
    }

    /// <summary>Sets a stage's row (the prune row is started by the loop's "block 0 of N").</summary>
    private ProgressTask Update(string stage, double total, double completed, string detail)
    {
        var description = $"[bold]{Markup.Escape(stage)}[/]  {Markup.Escape(detail)}";
        if (!_stages.TryGetValue(stage, out var task))
        {
            task = _context!.AddTask(description, maxValue: total);
            _stages[stage] = task;
        }

        task.MaxValue = total;
        task.Value = completed;
        task.Description = description;
        return task;
    }

    /// <summary>Stops a row's clock once a block or evaluation event completes it (a layer event may reach the total before its block is propagated).</summary>
    private static void Finish(ProgressTask task)
    {
        if (task.Value >= task.MaxValue)
        {
            task.StopTask();
        }
    }

    /// <summary>A layer's name without its block's prefix (the row names the block): its last two parts, "mlp.up_proj", so the bar keeps its width on 80 columns.</summary>
    private static string WithinBlock(string? layer) => layer is null ? "" : string.Join('.', layer.Split('.').TakeLast(2));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lines written through the console, which prints them above the live display instead of through it.</summary>
    private sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                console.WriteLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
