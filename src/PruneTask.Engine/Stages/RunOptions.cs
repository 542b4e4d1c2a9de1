using PruneTask.Engine.Reporting;
namespace PruneTask.Engine.Stages;

/// <summary>How to run a plan, beyond what the recipe says.</summary>
public sealed record RunOptions
{
    /// <summary>Overrides the recipe's output.path.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Overrides the recipe's cache.path.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Calibration sequences run through a block at once. Two keep a block's activations small (with 512 tokens and 32
    /// heads, attention's scores alone are 67 MB a sequence) while the products still have 1024 rows, enough for a CPU's
    /// GEMM rate: TinyLlama's shape peaked at 1.6 GB with 2 and 3.3 GB with 8, at the same GFLOP/s.
    /// </summary>
    public int BatchSize { get; init; } = 2;

    /// <summary>Receives a <see cref="RunProgress"/> after each block and layer of the calibrate-and-prune loop and each step of an evaluation.</summary>
    public IProgress<RunProgress>? Progress { get; init; }
}
