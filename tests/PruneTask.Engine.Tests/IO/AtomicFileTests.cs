using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void A_written_file_replaces_the_old_one_whole_and_leaves_nothing_beside_it()
    {
        var path = _folder.File("schema.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void A_failed_write_leaves_the_target_as_it_was_and_no_temporary_file()
    {
        var target = Path.Combine(_folder.Path, "a-folder");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "precious"), "keep");

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllLines(target, ["x"]));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "precious")));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    public void Dispose() => _folder.Dispose();
}
