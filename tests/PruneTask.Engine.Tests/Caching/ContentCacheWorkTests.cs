using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.Caching;

public sealed class ContentCacheWorkTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CacheKey Key(string name) => new CacheKeyBuilder("statistics", "test").Add("layer", name).Build();

    [Fact]
    public void RemoveAbandonedWork_removes_temp_folders_of_gone_writers_and_the_trash()
    {
        var cache = new ContentCache(_temp.Path);
        var stale = _temp.Combine(".tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "gram.bin"), "half written");
        File.WriteAllText(stale + WorkFolderLock.Suffix, string.Empty);
        Directory.CreateDirectory(_temp.Combine(".trash", Guid.NewGuid().ToString("N")));

        Assert.Equal(2, cache.RemoveAbandonedWork());

        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine(".tmp")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine(".trash")));
    }

    [Fact]
    public void RemoveAbandonedWork_leaves_an_entry_being_written_alone()
    {
        var cache = new ContentCache(_temp.Path);
        var entry = cache.Put(Key("a"), "a", writer =>
        {
            writer.WriteText("info.json", "{}");
            Assert.Equal(0, new ContentCache(_temp.Path).RemoveAbandonedWork());
            Assert.Equal(2, Directory.EnumerateFileSystemEntries(_temp.Combine(".tmp")).Count());
        });

        Assert.True(File.Exists(Path.Combine(entry.Directory, "info.json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine(".tmp")));
    }

    [Fact]
    public void CanWrite_is_true_for_a_writable_folder_and_leaves_nothing()
    {
        Assert.True(new ContentCache(_temp.Combine("new")).CanWrite());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("new", ".tmp")));
    }
}
