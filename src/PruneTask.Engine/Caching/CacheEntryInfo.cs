namespace PruneTask.Engine.Caching;

/// <summary>
/// What <c>cache list</c> shows of one entry. <see cref="Description"/> and <see cref="CreatedUtc"/> come from the
/// manifest when it can be read (otherwise an empty description and the folder's creation time); sizes are measured.
/// </summary>
public sealed record CacheEntryInfo(
    CacheKey Key,
    string Description,
    long SizeBytes,
    DateTimeOffset CreatedUtc,
    DateTimeOffset LastAccessUtc,
    string Directory);
