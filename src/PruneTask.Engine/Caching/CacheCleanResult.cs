namespace PruneTask.Engine.Caching;

/// <summary>What a clean removed: entries, and bytes including unfinished writes and leftover trash.</summary>
public sealed record CacheCleanResult(int EntriesRemoved, long BytesFreed);
