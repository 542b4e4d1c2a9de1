using System.Text.Json;

namespace PruneTask.Engine.Caching;

/// <summary>
/// Listing, sizing and cleaning a cache folder. An entry's age is the time since its last access: the last time
/// <see cref="ContentCache"/> read or wrote it, kept as the last-write time of the entry's folder.
/// Cleaning renames each entry into the trash before deleting it, so builds running at the same time see an entry
/// whole or not at all (and recompute it). Folders of unfinished writes (<c>.tmp</c>) are removed when they are older
/// than the cut-off too, so clean everything only while no build is writing.
/// </summary>
public sealed class CacheMaintenance(string root)
{
    private readonly CacheLayout _layout = new(root);

    public string Root => _layout.Root;

    /// <summary>All entries, most recently accessed first.</summary>
    public IReadOnlyList<CacheEntryInfo> List() =>
        _layout.EnumerateEntries()
            .Select(e => Describe(e.Key, e.Directory))
            .OfType<CacheEntryInfo>()
            .OrderByDescending(e => e.LastAccessUtc)
            .ThenBy(e => e.Key.ToString(), StringComparer.Ordinal)
            .ToList();

    /// <summary>Bytes of every file under the root, including unfinished writes and trash.</summary>
    public long TotalSize() => Directory.Exists(Root) ? DirectorySize(Root) : 0;

    /// <summary>Removes every entry (and all temp and trash folders) when <paramref name="olderThan"/> is null,
    /// otherwise those not accessed for at least that long.</summary>
    public CacheCleanResult Clean(TimeSpan? olderThan = null, DateTimeOffset? now = null)
    {
        var cutoff = olderThan is { } age ? (now ?? DateTimeOffset.UtcNow) - age : DateTimeOffset.MaxValue;
        var removed = 0;
        var freed = 0L;
        foreach (var entry in List().Where(e => e.LastAccessUtc < cutoff))
        {
            if (CacheDirectoryRemover.Remove(_layout, entry.Directory))
            {
                removed++;
                freed += entry.SizeBytes;
            }
        }

        freed += RemoveWorkFolders(_layout.TempRoot, cutoff) + RemoveWorkFolders(_layout.TrashRoot, DateTimeOffset.MaxValue);
        return new CacheCleanResult(removed, freed);
    }

    private static long RemoveWorkFolders(string parent, DateTimeOffset cutoff)
    {
        if (!Directory.Exists(parent))
        {
            return 0;
        }

        var freed = 0L;
        foreach (var folder in Directory.EnumerateDirectories(parent).Where(d => Directory.GetLastWriteTimeUtc(d) < cutoff))
        {
            var size = DirectorySize(folder);
            CacheDirectoryRemover.DeleteQuietly(folder);
            freed += Directory.Exists(folder) ? 0 : size;
        }

        return freed;
    }

    private static CacheEntryInfo? Describe(CacheKey key, string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            var manifest = TryReadManifest(directory);
            return new CacheEntryInfo(
                key,
                manifest?.Description ?? string.Empty,
                DirectorySize(directory),
                manifest?.CreatedUtc ?? info.CreationTimeUtc,
                info.LastWriteTimeUtc,
                directory);
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static CacheManifest? TryReadManifest(string directory)
    {
        try
        {
            return CacheManifest.Read(Path.Combine(directory, CacheManifest.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static long DirectorySize(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(TryLength);
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }

    private static long TryLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}

/// <summary>What a clean removed: entries, and bytes including unfinished writes and leftover trash.</summary>
public sealed record CacheCleanResult(int EntriesRemoved, long BytesFreed);

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
