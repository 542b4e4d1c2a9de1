namespace PruneTask.Engine.Reporting;

/// <summary>One pruned (or skipped) layer in report.json.</summary>
public sealed record LayerReport
{
    public required string Name { get; init; }

    public required int Block { get; init; }

    public required string Method { get; init; }

    /// <summary>The target as resolved after defaults, rules and allocation, e.g. "sparsity 0.62" or "2:4".</summary>
    public required string Target { get; init; }

    public required long[] Shape { get; init; }

    public required double AchievedSparsity { get; init; }

    /// <summary>‖XWᵀ − XŴᵀ‖ / ‖XWᵀ‖ on the calibration inputs this layer sees in the pruned model.</summary>
    public double? RelativeReconstructionError { get; init; }

    public required long ParametersBefore { get; init; }

    public required long ParametersAfter { get; init; }

    public required double Seconds { get; init; }

    /// <summary>"hit" when the pruned weights came from the cache, "miss" when they were computed.</summary>
    public required string Cache { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
