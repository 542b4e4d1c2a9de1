using PruneTask.Engine.Caching;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Stages;

/// <summary>What pruning one block produced: its layers' cache keys and report rows, and where its statistics came from.</summary>
public sealed record BlockPruneResult(IReadOnlyList<CacheKey> LayerKeys, IReadOnlyList<LayerReport> Layers, bool StatisticsHit, CacheKey? StatisticsKey);
