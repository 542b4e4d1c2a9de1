using PruneTask.Engine.Caching;
using Serilog.Events;
using TorchSharp;

namespace PruneTask.Engine.Tests.Caching;

public sealed class ContentCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly CollectingSink _log = new();
    private readonly ContentCache _cache;

    public ContentCacheTests()
    {
        _cache = new ContentCache(_temp.Path, _log.CreateLogger());
    }

    public void Dispose() => _temp.Dispose();

    private static CacheKey Key(string name) => new CacheKeyBuilder("statistics", "test").Add("layer", name).Build();

    private static void WriteResult(CacheEntryWriter writer, byte fill = 7)
    {
        writer.WriteBytes("gram.bin", Enumerable.Repeat(fill, 4096).ToArray());
        writer.WriteText("info.json", "{\"tokens\":12}");
    }

    [Fact]
    public void A_missing_entry_is_a_miss()
    {
        Assert.False(_cache.TryGet(Key("q_proj"), out _));
        Assert.Empty(_log.Events);
    }

    [Fact]
    public void A_stored_entry_reads_back_with_its_manifest()
    {
        var key = Key("q_proj");
        _cache.Put(key, "layers.0.q_proj", w => WriteResult(w));

        Assert.True(_cache.TryGet(key, out var entry));
        Assert.Equal("layers.0.q_proj", entry.Description);
        Assert.Equal(["gram.bin", "info.json"], entry.FileNames.Order());
        Assert.Equal(Enumerable.Repeat((byte)7, 4096), entry.ReadBytes("gram.bin"));
        Assert.Equal("{\"tokens\":12}", entry.ReadText("info.json"));
        Assert.Equal(Path.Combine(_temp.Path, "statistics", key.Hash[..2], key.Hash), entry.Directory);
        Assert.Equal(4096 + 13, entry.Manifest.TotalSize);
        Assert.Throws<KeyNotFoundException>(() => entry.PathOf("absent.bin"));
    }

    [Fact]
    public void Json_round_trips_through_an_entry()
    {
        var key = Key("json");
        _cache.Put(key, "json", w => w.WriteJson("result.json", new[] { 1.5, 2.5 }));

        Assert.True(_cache.TryGet(key, out var entry));
        Assert.Equal([1.5, 2.5], entry.ReadJson<double[]>("result.json"));
    }

    [Fact]
    public void Tensors_round_trip_through_an_entry_as_safetensors()
    {
        var key = Key("tensors");
        using (var gram = torch.arange(6, dtype: torch.float64).reshape(2, 3))
        using (var norms = torch.tensor(new[] { 1.5f, 2.5f }))
        {
            _cache.Put(key, "tensors", w => w.WriteTensors("statistics.safetensors", [new("gram", gram), new("norms", norms)], new Dictionary<string, string> { ["tokens"] = "24" }));
        }

        Assert.True(_cache.TryGet(key, out var entry));
        using var file = entry.OpenTensors("statistics.safetensors");
        using var gramRead = file.Load("gram");
        using var normsRead = file.Load("norms");
        Assert.Equal([0.0, 1, 2, 3, 4, 5], gramRead.data<double>().ToArray());
        Assert.Equal([2L, 3], gramRead.shape);
        Assert.Equal([1.5f, 2.5f], normsRead.data<float>().ToArray());
        Assert.Equal("24", file.Metadata["tokens"]);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("delete")]
    [InlineData("manifest")]
    public void A_corrupt_entry_is_a_miss_with_a_warning_and_is_removed(string damage)
    {
        var key = Key("q_proj");
        var entry = _cache.Put(key, "layers.0.q_proj", w => WriteResult(w));
        var gram = Path.Combine(entry.Directory, "gram.bin");
        switch (damage)
        {
            case "flip":
                var bytes = File.ReadAllBytes(gram);
                bytes[100] ^= 1;
                File.WriteAllBytes(gram, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(gram, new byte[10]);
                break;
            case "delete":
                File.Delete(gram);
                break;
            default:
                File.WriteAllText(Path.Combine(entry.Directory, CacheManifest.FileName), "{ not json");
                break;
        }

        Assert.False(_cache.TryGet(key, out _));
        var warning = Assert.Single(_log.Events);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Contains(key.Hash, warning.RenderMessage());
        Assert.False(Directory.Exists(entry.Directory));

        _cache.Put(key, "layers.0.q_proj", w => WriteResult(w));
        Assert.True(_cache.TryGet(key, out _));
    }

    [Fact]
    public void A_failed_write_leaves_no_entry_and_no_temp_folder()
    {
        var key = Key("boom");

        Assert.Throws<InvalidOperationException>(() => _cache.Put(key, "boom", w =>
        {
            w.WriteText("half.json", "{");
            throw new InvalidOperationException("method failed");
        }));

        Assert.False(_cache.TryGet(key, out _));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, ".tmp")));
    }

    [Fact]
    public void Putting_an_existing_key_keeps_the_first_entry()
    {
        var key = Key("q_proj");
        _cache.Put(key, "first", w => WriteResult(w, 1));

        var second = _cache.Put(key, "second", w => WriteResult(w, 2));

        Assert.Equal("first", second.Description);
        Assert.Equal(1, second.ReadBytes("gram.bin")[0]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Path, ".tmp")));
    }

    [Fact]
    public void Putting_over_a_corrupt_entry_replaces_it()
    {
        var key = Key("q_proj");
        var first = _cache.Put(key, "first", w => WriteResult(w, 1));
        File.WriteAllBytes(Path.Combine(first.Directory, "gram.bin"), [0]);

        var second = _cache.Put(key, "second", w => WriteResult(w, 2));

        Assert.Equal("second", second.Description);
        Assert.True(_cache.TryGet(key, out var read));
        Assert.Equal(2, read.ReadBytes("gram.bin")[0]);
        Assert.Equal(LogEventLevel.Warning, Assert.Single(_log.Events).Level);
    }
}
