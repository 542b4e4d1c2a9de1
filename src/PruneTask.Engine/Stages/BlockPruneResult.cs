using PruneTask.Engine.Caching;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Structured;

namespace PruneTask.Engine.Stages;

/// <summary>
/// What pruning one block produced: its layers' cache keys and report rows, where its statistics came from, and what
/// structured pruning removed from it (null when no structured method ran in the block).
/// </summary>
public sealed record BlockPruneResult(IReadOnlyList<CacheKey> LayerKeys, IReadOnlyList<LayerReport> Layers, bool StatisticsHit, CacheKey? StatisticsKey)
{
    public BlockRemoval? Removal { get; init; }
}
