using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public sealed class CacheMaintenanceTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ContentCache _cache;
    private readonly CacheMaintenance _maintenance;

    public CacheMaintenanceTests()
    {
        _cache = new ContentCache(_temp.Path);
        _maintenance = new CacheMaintenance(_temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    private CacheEntry Store(string kind, string name, int size, TimeSpan accessedAgo)
    {
        var entry = _cache.Put(new CacheKeyBuilder(kind, "test").Add("name", name).Build(), name, w => w.WriteBytes("data.bin", new byte[size]));
        Directory.SetLastWriteTimeUtc(entry.Directory, DateTime.UtcNow - accessedAgo);
        return entry;
    }

    [Fact]
    public void Lists_entries_newest_access_first_with_sizes_and_descriptions()
    {
        var old = Store("statistics", "layers.0.fc1", 1000, TimeSpan.FromDays(10));
        var recent = Store("pruned", "layers.1.fc2", 2000, TimeSpan.FromHours(1));

        var list = _maintenance.List();

        Assert.Equal([recent.Key, old.Key], list.Select(e => e.Key));
        Assert.Equal("layers.1.fc2", list[0].Description);
        Assert.Equal(2000 + new FileInfo(Path.Combine(recent.Directory, CacheManifest.FileName)).Length, list[0].SizeBytes);
        Assert.InRange(list[1].LastAccessUtc, DateTimeOffset.UtcNow.AddDays(-10.01), DateTimeOffset.UtcNow.AddDays(-9.99));
        Assert.Equal(list.Sum(e => e.SizeBytes), _maintenance.TotalSize());
    }

    [Fact]
    public void Reading_an_entry_marks_it_accessed()
    {
        var entry = Store("statistics", "a", 10, TimeSpan.FromDays(30));

        Assert.True(_cache.TryGet(entry.Key, out _));

        Assert.InRange(Assert.Single(_maintenance.List()).LastAccessUtc, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void Clean_older_than_removes_only_entries_not_accessed_since()
    {
        var old = Store("statistics", "old", 1000, TimeSpan.FromDays(8));
        var recent = Store("statistics", "recent", 1000, TimeSpan.FromDays(6));
        var oldSize = _maintenance.List().Single(e => e.Key == old.Key).SizeBytes;

        var result = _maintenance.Clean(TimeSpan.FromDays(7));

        Assert.Equal(new CacheCleanResult(1, oldSize), result);
        Assert.Equal([recent.Key], _maintenance.List().Select(e => e.Key));
        Assert.False(_cache.TryGet(old.Key, out _));
    }

    [Fact]
    public void Clean_without_age_empties_the_cache_including_unfinished_writes()
    {
        Store("statistics", "a", 100, TimeSpan.Zero);
        Store("eval", "b", 100, TimeSpan.Zero);
        var leftover = Directory.CreateDirectory(Path.Combine(_temp.Path, ".tmp", "crashed-writer"));
        File.WriteAllBytes(Path.Combine(leftover.FullName, "data.bin"), new byte[50]);
        var before = _maintenance.TotalSize();

        var result = _maintenance.Clean();

        Assert.Equal(2, result.EntriesRemoved);
        Assert.Equal(before, result.BytesFreed);
        Assert.Empty(_maintenance.List());
        Assert.Equal(0, _maintenance.TotalSize());
    }

    [Fact]
    public void An_absent_cache_folder_is_empty()
    {
        var absent = new CacheMaintenance(_temp.Combine("never-created"));

        Assert.Empty(absent.List());
        Assert.Equal(0, absent.TotalSize());
        Assert.Equal(new CacheCleanResult(0, 0), absent.Clean());
    }
}
