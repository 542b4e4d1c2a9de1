using System.Diagnostics.CodeAnalysis;
using PruneTask.Engine.IO;
using Serilog;
using Serilog.Core;

namespace PruneTask.Engine.Caching;

/// <summary>
/// A content-addressed store of results on disk, safe to share between processes. An entry is written into a private
/// temporary folder, its manifest (each file's size and SHA-256) is written last, and the folder is renamed into place in
/// one step; when another writer got there first, its entry is kept and this one discarded. Reading verifies every file
/// against the manifest; an entry that fails is logged as a warning, removed, and reported as absent, so the caller
/// recomputes it. Reading or writing an entry sets its folder's last-write time, which <see cref="CacheMaintenance"/>
/// reads as the entry's last access. While an entry is being written its writer holds <c>.tmp/&lt;id&gt;.lock</c>
/// (<see cref="WorkFolderLock"/>), so <see cref="RemoveAbandonedWork"/> removes only the temp folders of runs that are gone.
/// </summary>
public sealed class ContentCache
{
    private readonly CacheLayout _layout;
    private readonly ILogger _logger;

    public ContentCache(string root, ILogger? logger = null)
    {
        _layout = new CacheLayout(root);
        _logger = logger ?? Logger.None;
    }

    public string Root => _layout.Root;

    /// <summary>Whether a published entry exists, without verifying its files (cheap; <see cref="TryGet"/> verifies).</summary>
    public bool Contains(CacheKey key) => File.Exists(Path.Combine(_layout.EntryDirectory(key), CacheManifest.FileName));

    /// <param name="verifiedOnRead">
    /// A large file of the entry whose SHA-256 is checked when <see cref="CacheEntry.OpenVerifiedTensors"/> first reads
    /// from it rather than now (its size is checked now), so a run that never needs its data never hashes it.
    /// </param>
    public bool TryGet(CacheKey key, [NotNullWhen(true)] out CacheEntry? entry, string? verifiedOnRead = null)
    {
        entry = null;
        var directory = _layout.EntryDirectory(key);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var manifest = CacheEntryVerifier.Verify(directory, key, out var problem, verifiedOnRead);
        if (manifest is null)
        {
            _logger.Warning("Cache entry {CacheKey} is corrupt ({Problem}); it was removed and will be recomputed.", key.ToString(), problem);
            CacheDirectoryRemover.Remove(_layout, directory);
            return false;
        }

        MarkAccessed(directory);
        entry = new CacheEntry(key, directory, manifest, this);
        return true;
    }

    /// <summary>Removes an entry found corrupt after it was opened (<see cref="CacheEntry.OpenVerifiedTensors"/>), so the next run recomputes it.</summary>
    internal void RemoveCorrupt(CacheEntry entry, string problem)
    {
        _logger.Warning("Cache entry {CacheKey} is corrupt ({Problem}); it was removed.", entry.Key.ToString(), problem);
        CacheDirectoryRemover.Remove(_layout, entry.Directory);
    }

    /// <summary>
    /// Stores a result: <paramref name="write"/> writes its files through the <see cref="CacheEntryWriter"/>.
    /// Returns the published entry, which is another process's equal entry when that one was published first.
    /// </summary>
    public CacheEntry Put(CacheKey key, string description, Action<CacheEntryWriter> write)
    {
        var temp = _layout.NewTempDirectory();
        Directory.CreateDirectory(_layout.TempRoot);
        using var writing = WorkFolderLock.Create(temp + WorkFolderLock.Suffix);
        Directory.CreateDirectory(temp);
        try
        {
            var writer = new CacheEntryWriter(temp);
            write(writer);
            var manifest = WriteManifest(temp, key, description, writer.Names);
            var destination = _layout.EntryDirectory(key);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (TryPublish(temp, destination))
            {
                MarkAccessed(destination);
                return new CacheEntry(key, destination, manifest, this);
            }

            // Another writer published this key first. Keep theirs unless it fails verification (TryGet then removes it).
            if (TryGet(key, out var existing) || (TryPublish(temp, destination) && TryGet(key, out existing)))
            {
                return existing;
            }

            throw new IOException($"Could not publish cache entry {key} at {destination}.");
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                CacheDirectoryRemover.DeleteQuietly(temp);
            }
        }
    }

    /// <summary>
    /// Whether entries can be written here: creates the root and its temp folder and a lock file in it, then removes
    /// the lock file. False when the folder is read-only or not writable for this user.
    /// </summary>
    public bool CanWrite()
    {
        try
        {
            Directory.CreateDirectory(_layout.TempRoot);
            using var probe = WorkFolderLock.Create(_layout.NewTempDirectory() + WorkFolderLock.Suffix);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException io && WriteFailure.IsReadOnly(io)))
        {
            return false;
        }
    }

    /// <summary>
    /// Removes what runs killed earlier left: temp folders whose writer is gone and everything in the trash. Temp
    /// folders of live writers (their lock is held) are kept, so runs sharing the cache are not disturbed.
    /// </summary>
    public int RemoveAbandonedWork()
    {
        var removed = AbandonedWork.Remove(_layout.TempRoot, string.Empty, [string.Empty]);
        if (Directory.Exists(_layout.TrashRoot))
        {
            foreach (var trash in Directory.EnumerateDirectories(_layout.TrashRoot))
            {
                CacheDirectoryRemover.DeleteQuietly(trash);
                removed += Directory.Exists(trash) ? 0 : 1;
            }
        }

        return removed;
    }

    private static CacheManifest WriteManifest(string directory, CacheKey key, string description, IEnumerable<string> names)
    {
        var files = names
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var path = Path.Combine(directory, name);
                return new CacheFileRecord(name, new FileInfo(path).Length, ContentHash.OfFile(path));
            })
            .ToList();
        var manifest = new CacheManifest(CacheManifest.CurrentFormat, key.Kind, key.Hash, description, ToolVersion.Current, DateTimeOffset.UtcNow, files);
        manifest.Write(Path.Combine(directory, CacheManifest.FileName));
        return manifest;
    }

    private static bool TryPublish(string temp, string destination)
    {
        try
        {
            Directory.Move(temp, destination);
            return true;
        }
        catch (IOException) when (Directory.Exists(destination))
        {
            return false;
        }
    }

    private static void MarkAccessed(string directory)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(directory, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed meanwhile by a clean in another process; the entry's files were already verified.
        }
    }
}
