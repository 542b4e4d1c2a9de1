using System.CommandLine;
using Serilog;
using PruneTask.Engine.Reporting;

namespace PruneTask.Cli;

/// <summary>The ways a run's progress can be shown.</summary>
public enum ProgressDisplayKind
{
    /// <summary>Nothing (<c>-v quiet</c>).</summary>
    None,

    /// <summary>A live display redrawn in place (an interactive terminal).</summary>
    Live,

    /// <summary>One plain line per block (redirected stderr, CI, TERM=dumb).</summary>
    Lines,

    /// <summary>Plain lines, only once the run has taken a minute (<c>-v minimal</c> where a live display cannot be drawn).</summary>
    LinesAfterAMinute,
}

/// <summary>Chooses the progress display for where dotnet-prune runs.</summary>
public static class ProgressDisplays
{
    /// <summary>
    /// The display for a verbosity and an environment: none at quiet; live where stderr is an interactive terminal
    /// (not redirected, not CI, TERM not dumb); otherwise plain lines, at minimal only after the first minute unless
    /// stderr is redirected (a build log, where silence reads as a hang).
    /// </summary>
    public static ProgressDisplayKind Choose(string? verbosity, bool errorRedirected, CiSystem ci, string? term)
    {
        if (verbosity is "q" or "quiet")
        {
            return ProgressDisplayKind.None;
        }

        if (!errorRedirected && ci == CiSystem.None && term != "dumb")
        {
            return ProgressDisplayKind.Live;
        }

        return errorRedirected || verbosity is not ("m" or "minimal") ? ProgressDisplayKind.Lines : ProgressDisplayKind.LinesAfterAMinute;
    }

    /// <summary>The display the global options and this process's environment ask for, or null for none.</summary>
    public static IRunProgressDisplay? For(ParseResult parseResult)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var redirected = Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error); // a caller's own writer is no terminal
        return Choose(parseResult.GetValue(GlobalOptions.Verbosity), redirected, CiEnvironment.Current.System, Environment.GetEnvironmentVariable("TERM")) switch
        {
            ProgressDisplayKind.Live => LiveProgressDisplay.On(error),
            ProgressDisplayKind.Lines => new BlockProgressPrinter(error, always: true),
            ProgressDisplayKind.LinesAfterAMinute => new BlockProgressPrinter(error, always: false),
            _ => null,
        };
    }

    /// <summary>Runs <paramref name="run"/> with the progress display shown (if any), giving it the progress receiver and a log that writes around the display.</summary>
    public static T Show<T>(ParseResult parseResult, Func<IProgress<RunProgress>?, ILogger, T> run)
    {
        var display = For(parseResult);
        var log = CliLogging.Create(parseResult, display?.Messages);
        return display is null ? run(null, log) : display.Show(() => run(display, log));
    }
}

/// <summary>How a command shows a run's progress while the run works.</summary>
public interface IRunProgressDisplay : IProgress<RunProgress>
{
    /// <summary>Where the run's other stderr lines (the log) go while it is shown, so they do not break the display.</summary>
    TextWriter Messages { get; }

    /// <summary>Runs <paramref name="run"/> with the display shown, and ends the display when it returns or throws.</summary>
    T Show<T>(Func<T> run);
}
