namespace PruneTask.Engine.Reporting;

/// <summary>What a <see cref="RunProgress"/> counts.</summary>
public enum ProgressKind
{
    /// <summary>Blocks of the calibrate-and-prune loop; 0 of N when the loop starts.</summary>
    Block,

    /// <summary>Layers pruned within the current block; <see cref="RunProgress.Name"/> is the layer.</summary>
    Layer,

    /// <summary>Steps of a perplexity pass (each block over every window, then the output head); <see cref="RunProgress.Name"/> is "dense" or "pruned".</summary>
    Evaluation,
}

/// <summary>
/// A step of a run is done: how many of how many, and the time the loop has taken so far. Block events come from the
/// calibrate-and-prune loop, layer events from within a block, evaluation events from the perplexity passes; only finished
/// blocks measure <see cref="Elapsed"/> (the others carry zero, the renderer keeps its own clock).
/// </summary>
public sealed record RunProgress(int Completed, int Total, TimeSpan Elapsed)
{
    public ProgressKind Kind { get; init; } = ProgressKind.Block;

    /// <summary>The layer (for <see cref="ProgressKind.Layer"/>) or the evaluated model (for <see cref="ProgressKind.Evaluation"/>).</summary>
    public string? Name { get; init; }

    /// <summary>Mean time per block so far.</summary>
    public TimeSpan PerBlock => Completed == 0 ? TimeSpan.Zero : Elapsed / Completed;

    /// <summary>The remaining blocks at the mean time per block so far.</summary>
    public TimeSpan Remaining => PerBlock * (Total - Completed);

    public static RunProgress Layer(int completed, int total, string name) => new(completed, total, TimeSpan.Zero) { Kind = ProgressKind.Layer, Name = name };

    public static RunProgress Evaluation(int completed, int total, string model) => new(completed, total, TimeSpan.Zero) { Kind = ProgressKind.Evaluation, Name = model };
}
