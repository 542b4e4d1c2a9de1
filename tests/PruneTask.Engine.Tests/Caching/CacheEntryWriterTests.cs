using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public sealed class CacheEntryWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("../escape.bin")]
    [InlineData("sub/file.bin")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Rejects_unsafe_or_reserved_file_names(string name)
    {
        var cache = new ContentCache(_temp.Path);
        var key = new CacheKeyBuilder("eval", "test").Add("name", name).Build();

        Assert.Throws<ArgumentException>(() => cache.Put(key, "bad", w => w.WriteText(name, "x")));
        Assert.False(cache.TryGet(key, out _));
    }

    [Fact]
    public void Rejects_a_file_written_twice()
    {
        var cache = new ContentCache(_temp.Path);
        var key = new CacheKeyBuilder("eval", "test").Build();

        Assert.Throws<ArgumentException>(() => cache.Put(key, "twice", w =>
        {
            w.WriteText("a.json", "1");
            w.WriteText("A.json", "2");
        }));
    }

    [Fact]
    public void Streams_and_paths_write_files_of_the_entry()
    {
        var cache = new ContentCache(_temp.Path);
        var key = new CacheKeyBuilder("eval", "test").Build();

        var entry = cache.Put(key, "streams", w =>
        {
            using (var stream = w.Create("a.bin"))
            {
                stream.Write([1, 2, 3]);
            }

            File.WriteAllBytes(w.PathFor("b.bin"), [4, 5]);
        });

        Assert.Equal([1, 2, 3], entry.ReadBytes("a.bin"));
        Assert.Equal([4, 5], entry.ReadBytes("b.bin"));
        Assert.Equal(new CacheFileRecord("b.bin", 2, ContentHash.Of([4, 5])), entry.Manifest.Files.Single(f => f.Name == "b.bin"));
    }
}
