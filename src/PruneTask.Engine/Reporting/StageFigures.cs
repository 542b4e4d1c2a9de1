namespace PruneTask.Engine.Reporting;

/// <summary>One stage of a run in report.json: its time, the floating-point work it counted, and the rate that makes.</summary>
public sealed record StageFigures
{
    public required double Seconds { get; init; }

    /// <summary>Counted floating-point operations, in 10⁹ (closed-form counts, see Benchmarks/OperationCounts).</summary>
    public required double Gflop { get; init; }

    /// <summary>Gflop / Seconds, or null when the stage did no counted work or took no measurable time.</summary>
    public double? GflopPerSecond { get; init; }
}
