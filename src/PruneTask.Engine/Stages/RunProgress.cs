namespace PruneTask.Engine.Stages;

/// <summary>A block of the calibrate-and-prune loop is done: how many of how many, and the time the loop has taken so far.</summary>
public sealed record RunProgress(int Completed, int Total, TimeSpan Elapsed)
{
    /// <summary>Mean time per block so far.</summary>
    public TimeSpan PerBlock => Completed == 0 ? TimeSpan.Zero : Elapsed / Completed;

    /// <summary>The remaining blocks at the mean time per block so far.</summary>
    public TimeSpan Remaining => PerBlock * (Total - Completed);
}
