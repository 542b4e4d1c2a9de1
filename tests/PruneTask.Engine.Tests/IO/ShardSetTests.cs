using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.IO;

public class ShardSetTests
{
    [Fact]
    public void Index_naming_a_missing_shard_is_rejected()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x");
        var index = ShardedCheckpoint.WriteIndex(folder.Path,
            ShardedCheckpoint.Maps("x", "a.safetensors"), ShardedCheckpoint.Maps("y", "b.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal(index, error.FilePath);
        Assert.Equal("names shard 'b.safetensors', which does not exist", error.Problem);
    }

    [Fact]
    public void Index_naming_a_tensor_its_shard_lacks_is_rejected()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x");
        ShardedCheckpoint.WriteShard(folder.Path, "b.safetensors", "y");
        ShardedCheckpoint.WriteIndex(folder.Path, ShardedCheckpoint.Maps("x", "a.safetensors"),
            ShardedCheckpoint.Maps("y", "b.safetensors"), ShardedCheckpoint.Maps("z", "b.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal("\"weight_map\" puts tensor 'z' in shard 'b.safetensors', which does not hold it", error.Problem);
    }

    [Fact]
    public void Index_putting_a_tensor_in_the_wrong_shard_is_rejected()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x");
        ShardedCheckpoint.WriteShard(folder.Path, "b.safetensors", "y");
        ShardedCheckpoint.WriteIndex(folder.Path,
            ShardedCheckpoint.Maps("x", "b.safetensors"), ShardedCheckpoint.Maps("y", "a.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal("\"weight_map\" puts tensor 'x' in shard 'b.safetensors', which does not hold it", error.Problem);
    }

    [Fact]
    public void Tensor_present_in_two_shards_is_rejected()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x", "y");
        ShardedCheckpoint.WriteShard(folder.Path, "b.safetensors", "y");
        ShardedCheckpoint.WriteIndex(folder.Path,
            ShardedCheckpoint.Maps("x", "a.safetensors"), ShardedCheckpoint.Maps("y", "b.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal("tensor 'y' is in two shards, 'a.safetensors' and 'b.safetensors'", error.Problem);
    }

    [Fact]
    public void Shard_tensor_the_index_does_not_list_is_rejected()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x", "extra");
        ShardedCheckpoint.WriteIndex(folder.Path, ShardedCheckpoint.Maps("x", "a.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal("shard 'a.safetensors' holds tensor 'extra', which \"weight_map\" does not list", error.Problem);
    }

    [Fact]
    public void Corrupt_shard_is_reported_with_the_shard_path()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "x");
        var broken = RawSafetensors.Write(folder.File("b.safetensors"), "{\"y\":", []);
        ShardedCheckpoint.WriteIndex(folder.Path,
            ShardedCheckpoint.Maps("x", "a.safetensors"), ShardedCheckpoint.Maps("y", "b.safetensors"));

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal(broken, error.FilePath);
    }

    [Fact]
    public void Valid_shards_are_read_in_shard_file_order()
    {
        using var folder = new TemporaryFolder();
        ShardedCheckpoint.WriteShard(folder.Path, "b.safetensors", "late");
        ShardedCheckpoint.WriteShard(folder.Path, "a.safetensors", "second", "first");
        ShardedCheckpoint.WriteIndex(folder.Path, ShardedCheckpoint.Maps("late", "b.safetensors"),
            ShardedCheckpoint.Maps("first", "a.safetensors"), ShardedCheckpoint.Maps("second", "a.safetensors"));

        using var weights = ModelWeights.Open(folder.Path);

        Assert.Equal(["second", "first", "late"], weights.Names);
        Assert.Equal(folder.File("b.safetensors"), weights.Info("late").FilePath);
    }
}
