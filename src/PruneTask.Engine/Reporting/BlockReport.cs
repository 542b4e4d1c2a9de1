namespace PruneTask.Engine.Reporting;

/// <summary>Per-block allocation figures: OWL's outlier ratio and the sparsity (or pattern) chosen for the block.</summary>
public sealed record BlockReport
{
    public required int Block { get; init; }

    public double? OutlierRatio { get; init; }

    public required string Target { get; init; }

    /// <summary>The mean fraction (sparsity, or compression for OATS) chosen for the block's layers; null for N:M patterns.</summary>
    public double? Fraction { get; init; }

    /// <summary>"hit" when the block's calibration statistics came from the cache.</summary>
    public required string StatisticsCache { get; init; }
}
