using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.IO;

public class ShardIndexParserTests
{
    [Fact]
    public void Malformed_index_json_is_rejected()
    {
        Assert.StartsWith("index is not valid JSON (", RejectIndex("{\"weight_map\":{").Problem);
    }

    [Fact]
    public void Index_without_a_weight_map_is_rejected()
    {
        Assert.Equal("index has 0 \"weight_map\" entries, not 1", RejectIndex("{\"metadata\":{}}").Problem);
    }

    [Fact]
    public void Tensor_listed_twice_in_the_weight_map_is_rejected()
    {
        var error = RejectIndex("{\"weight_map\":{\"x\":\"a.safetensors\",\"x\":\"b.safetensors\"}}");

        Assert.Equal("\"weight_map\" lists tensor 'x' twice", error.Problem);
    }

    [Theory]
    [InlineData("\"../a.safetensors\"")]
    [InlineData("\"sub/a.safetensors\"")]
    [InlineData("\"\"")]
    [InlineData("3")]
    public void Shard_that_is_not_a_plain_file_name_is_rejected(string shard)
    {
        var error = RejectIndex($"{{\"weight_map\":{{\"x\":{shard}}}}}");

        Assert.Equal($"\"weight_map\" sends tensor 'x' to {shard}, not a file name in the index's folder", error.Problem);
    }

    [Fact]
    public void Non_utf8_index_is_rejected()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(ModelWeights.IndexFileName);
        File.WriteAllBytes(path, [(byte)'{', 0xC3, (byte)'}']);

        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));

        Assert.Equal("index is not valid UTF-8", error.Problem);
    }

    private static SafetensorsFormatException RejectIndex(string json)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(ModelWeights.IndexFileName);
        File.WriteAllText(path, json);
        var error = Assert.Throws<SafetensorsFormatException>(() => ModelWeights.Open(folder.Path));
        Assert.Equal(path, error.FilePath);
        return error;
    }
}
