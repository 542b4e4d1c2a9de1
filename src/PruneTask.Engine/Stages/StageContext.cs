using PruneTask.Engine.Caching;
using Serilog;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Stages;

/// <summary>
/// What every stage of one run shares: the cache (null when caching is off), the keys, the log and the batch size;
/// and the token that stops the run at the next safe point (between batches, layers, blocks and evaluation windows).
/// </summary>
public sealed record StageContext(ContentCache? Cache, RunKeys Keys, ILogger Log, int BatchSize)
{
    /// <summary>Time and counted work per stage, for report.json.</summary>
    public StageLedger Ledger { get; init; } = new();

    /// <summary>Receives a <see cref="RunProgress"/> after each block, layer and evaluation step; null when nobody listens.</summary>
    public IProgress<RunProgress>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }
}
