using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public sealed class ContentCacheConcurrencyTests : IDisposable
{
    private const int Writers = 8;
    private readonly TempFolder _temp = new();
    private readonly CollectingSink _log = new();

    public void Dispose() => _temp.Dispose();

    private static void WriteLarge(CacheEntryWriter writer, int writerId)
    {
        // Every writer writes the same content for the same key, as real builds do; the id only goes in a side file
        // that lets the test see whose entry won.
        writer.WriteBytes("data.bin", Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 31)).ToArray());
        writer.WriteText("writer.txt", writerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parallel_writers_of_one_key_publish_exactly_one_whole_entry()
    {
        var key = new CacheKeyBuilder("pruned", "test").Add("layer", "fc1").Build();
        using var start = new Barrier(Writers);
        var entries = new CacheEntry[Writers];

        var threads = Enumerable.Range(0, Writers).Select(i => new Thread(() =>
        {
            var cache = new ContentCache(_temp.Path, _log.CreateLogger());
            start.SignalAndWait();
            entries[i] = cache.Put(key, "fc1", w => WriteLarge(w, i));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var winner = entries[0].ReadText("writer.txt");
        Assert.All(entries, e => Assert.Equal(winner, e.ReadText("writer.txt")));
        Assert.True(new ContentCache(_temp.Path).TryGet(key, out var read));
        Assert.Equal(winner, read.ReadText("writer.txt"));
        Assert.Empty(_log.Events);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, ".tmp")));
    }

    [Fact]
    public async Task A_reader_during_writes_sees_nothing_or_a_whole_entry()
    {
        var keys = Enumerable.Range(0, 6).Select(i => new CacheKeyBuilder("pruned", "test").Add("layer", (long)i).Build()).ToList();
        var writing = true;
        var reader = Task.Run(() =>
        {
            var cache = new ContentCache(_temp.Path, _log.CreateLogger());
            while (Volatile.Read(ref writing))
            {
                foreach (var key in keys)
                {
                    if (cache.TryGet(key, out var entry))
                    {
                        Assert.Equal(1 << 20, entry.ReadBytes("data.bin").Length);
                    }
                }
            }
        });

        Parallel.ForEach(keys, new ParallelOptions { MaxDegreeOfParallelism = 2 }, key =>
            new ContentCache(_temp.Path, _log.CreateLogger()).Put(key, key.Hash, w => WriteLarge(w, 0)));
        Volatile.Write(ref writing, false);
        await reader;

        // A partial entry seen by the reader would have failed verification, which logs a warning.
        Assert.Empty(_log.Events);
        Assert.All(keys, key => Assert.True(new ContentCache(_temp.Path).TryGet(key, out _)));
    }
}
