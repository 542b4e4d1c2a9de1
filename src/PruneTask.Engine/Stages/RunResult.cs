using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Stages;

/// <summary>What a run wrote: the output folder and the report and lock file inside it.</summary>
public sealed record RunResult(string OutputDirectory, RunReport Report, LockFile Lock);
