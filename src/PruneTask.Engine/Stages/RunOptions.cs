namespace PruneTask.Engine.Stages;

/// <summary>How to run a plan, beyond what the recipe says.</summary>
public sealed record RunOptions
{
    /// <summary>Overrides the recipe's output.path.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Overrides the recipe's cache.path.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Calibration sequences run through a block at once.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Receives a <see cref="RunProgress"/> after each block of the calibrate-and-prune loop.</summary>
    public IProgress<RunProgress>? Progress { get; init; }
}
