using PruneTask.Engine.Reporting;

namespace PruneTask.Cli;

/// <summary>How a command shows a run's progress while the run works.</summary>
public interface IRunProgressDisplay : IProgress<RunProgress>
{
    /// <summary>Where the run's other stderr lines (the log) go while it is shown, so they do not break the display.</summary>
    TextWriter Messages { get; }

    /// <summary>Runs <paramref name="run"/> with the display shown, and ends the display when it returns or throws.</summary>
    T Show<T>(Func<T> run);
}
