namespace PruneTask.Engine.Caching;

/// <summary>
/// Where things live under a cache root: entries at <c>&lt;root&gt;/&lt;kind&gt;/&lt;hash[0..2]&gt;/&lt;hash&gt;/</c>,
/// entries being written under <c>&lt;root&gt;/.tmp/</c>, and removed entries under <c>&lt;root&gt;/.trash/</c> until deleted.
/// Kinds never start with '.', so the two work folders cannot collide with a kind.
/// </summary>
internal sealed class CacheLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string TempRoot => Path.Combine(Root, ".tmp");

    public string TrashRoot => Path.Combine(Root, ".trash");

    public string EntryDirectory(CacheKey key) => Path.Combine(Root, key.Kind, key.Hash[..2], key.Hash);

    public string NewTempDirectory() => Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));

    public string NewTrashDirectory() => Path.Combine(TrashRoot, Guid.NewGuid().ToString("N"));

    /// <summary>Every published entry folder, with the key its path names.</summary>
    public IEnumerable<(CacheKey Key, string Directory)> EnumerateEntries()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var kindDir in Directory.EnumerateDirectories(Root))
        {
            var kind = Path.GetFileName(kindDir);
            if (!CacheKey.IsValidKind(kind))
            {
                continue;
            }

            foreach (var entryDir in Directory.EnumerateDirectories(kindDir).SelectMany(Directory.EnumerateDirectories))
            {
                var hash = Path.GetFileName(entryDir);
                if (ContentHash.IsValid(hash) && Path.GetFileName(Path.GetDirectoryName(entryDir)) == hash[..2])
                {
                    yield return (new CacheKey(kind, hash), entryDir);
                }
            }
        }
    }
}
