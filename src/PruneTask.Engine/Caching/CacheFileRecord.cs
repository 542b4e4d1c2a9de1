namespace PruneTask.Engine.Caching;

/// <summary>One file of a cache entry as its manifest records it.</summary>
public sealed record CacheFileRecord(string Name, long Size, string Sha256);
