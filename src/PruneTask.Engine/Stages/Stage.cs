namespace PruneTask.Engine.Stages;

/// <summary>The names of a run's stages, as report.json lists them.</summary>
public static class Stage
{
    /// <summary>Opening the model and reading the calibration data.</summary>
    public const string Load = "load";

    /// <summary>Hashing the model's tensors and config for the cache keys and the lock file.</summary>
    public const string Fingerprint = "fingerprint";

    /// <summary>Dense block passes over the calibration data and the statistics of the linears' inputs.</summary>
    public const string Calibrate = "calibrate";

    public const string Allocate = "allocate";

    /// <summary>The methods' solves (or reading their results from the cache).</summary>
    public const string Prune = "prune";

    /// <summary>The pruned block's pass that gives the next block its input and measures the reconstruction errors.</summary>
    public const string Propagate = "propagate";

    public const string Evaluate = "evaluate";

    public const string Export = "export";
}
