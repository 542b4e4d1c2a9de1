using System.Globalization;
using PruneTask.Engine.Reporting;

namespace PruneTask.Cli;

/// <summary>
/// The plain rendering of the engine's block progress, one line per finished block on stderr:
/// <c>block 3/22  41.2 s/block  elapsed 2:04  eta 13:45</c>, no control characters (a build log, CI, a dumb terminal).
/// With <paramref name="always"/> false only once a run has taken a minute. Layer and evaluation steps are not printed.
/// </summary>
public sealed class BlockProgressPrinter(TextWriter error, bool always) : IRunProgressDisplay
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public static string Format(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"block {progress.Completed}/{progress.Total}  {progress.PerBlock.TotalSeconds:F1} s/block  elapsed {Clock(progress.Elapsed)}  eta {Clock(progress.Remaining)}");

    public TextWriter Messages => error;

    public T Show<T>(Func<T> run) => run();

    public void Report(RunProgress value)
    {
        if (value is { Kind: ProgressKind.Block, Completed: > 0 } && (always || value.Elapsed >= Patience))
        {
            error.WriteLine(Format(value));
        }
    }

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    private static string Clock(TimeSpan time) =>
        time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}:{time.Seconds:00}");
}
