using System.CommandLine;
using System.Globalization;
using PruneTask.Engine.Stages;

namespace PruneTask.Cli;

/// <summary>
/// The plain rendering of the engine's block progress, one line per finished block on stderr:
/// <c>block 3/22  41.2 s/block  elapsed 2:04  eta 13:45</c>. Lines are printed at normal verbosity and above, and
/// whenever stderr is redirected (a build log, CI); at minimal verbosity once a run has taken a minute; never at quiet.
/// </summary>
public sealed class BlockProgressPrinter(TextWriter error, bool always) : IProgress<RunProgress>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>The printer the global options ask for, or null at quiet verbosity.</summary>
    public static BlockProgressPrinter? For(ParseResult parseResult)
    {
        var verbosity = parseResult.GetValue(GlobalOptions.Verbosity);
        if (verbosity is "q" or "quiet")
        {
            return null;
        }

        var always = Console.IsErrorRedirected || verbosity is not ("m" or "minimal");
        return new BlockProgressPrinter(parseResult.InvocationConfiguration.Error, always);
    }

    public static string Format(RunProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"block {progress.Completed}/{progress.Total}  {progress.PerBlock.TotalSeconds:F1} s/block  elapsed {Clock(progress.Elapsed)}  eta {Clock(progress.Remaining)}");

    public void Report(RunProgress value)
    {
        if (always || value.Elapsed >= Patience)
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
