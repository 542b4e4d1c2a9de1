using PruneTask.Engine.IO;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class ModelWeightsTests
{
    [Fact]
    public void Sharded_fixture_holds_the_same_tensors_as_the_single_file_fixture()
    {
        using var single = ModelWeights.Open(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));
        using var sharded = ModelWeights.Open(RepositoryPaths.Fixture("models", "tiny-llama-gqa-sharded"));

        Assert.Equal(single.Names.Order(StringComparer.Ordinal), sharded.Names.Order(StringComparer.Ordinal));
        Assert.Equal(3, sharded.FilePaths.Count);
        foreach (var name in single.Names)
        {
            using var expected = single.Load(name);
            using var actual = sharded.Load(name);
            Assert.Equal(expected.bytes.ToArray(), actual.bytes.ToArray());
            Assert.Equal(Path.GetFileName(sharded.Info(name).FilePath), ShardOf(name));
        }
    }

    [Fact]
    public void Names_follow_shard_file_order_then_data_offsets()
    {
        using var sharded = ModelWeights.Open(RepositoryPaths.Fixture("models", "tiny-llama-gqa-sharded"));

        var expected = sharded.FilePaths.SelectMany(path =>
        {
            using var file = SafetensorsFile.Open(path);
            return file.Names.ToList();
        });

        Assert.Equal(expected, sharded.Names);
        Assert.Equal(sharded.FilePaths.Order(StringComparer.Ordinal), sharded.FilePaths);
    }

    [Fact]
    public void Open_accepts_a_weights_file_or_an_index_file_as_well_as_a_folder()
    {
        using var byFile = ModelWeights.Open(RepositoryPaths.Fixture("models", "tiny-opt", "model.safetensors"));
        using var byIndex = ModelWeights.Open(
            RepositoryPaths.Fixture("models", "tiny-llama-gqa-sharded", ModelWeights.IndexFileName));

        Assert.Contains("lm_head.weight", byIndex.Names);
        Assert.Contains("model.decoder.embed_tokens.weight", byFile.Names);
    }

    [Fact]
    public void Open_of_a_folder_without_weights_names_the_folder()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<FileNotFoundException>(() => ModelWeights.Open(folder.Path));

        Assert.Contains(folder.Path, error.Message);
        Assert.Contains(ModelWeights.IndexFileName, error.Message);
    }

    [Fact]
    public void Load_of_an_unknown_tensor_names_it()
    {
        using var weights = ModelWeights.Open(RepositoryPaths.Fixture("models", "tiny-opt"));

        var error = Assert.Throws<KeyNotFoundException>(() => weights.Load("nope"));

        Assert.Contains("'nope'", error.Message);
        Assert.False(weights.Contains("nope"));
    }

    private static string ShardOf(string name)
    {
        var index = File.ReadAllText(RepositoryPaths.Fixture("models", "tiny-llama-gqa-sharded", ModelWeights.IndexFileName));
        using var document = System.Text.Json.JsonDocument.Parse(index);
        return document.RootElement.GetProperty("weight_map").GetProperty(name).GetString()!;
    }
}
