using System.Text.Json.Nodes;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Models;

public sealed class BlockShapesTests
{
    [Fact]
    public void A_config_without_prune_shrunk_gives_every_block_the_config_sizes_and_even_grouping()
    {
        var shapes = BlockShapes.Read(Config(null));

        Assert.Equal(2, shapes.Count);
        Assert.All(shapes, s => Assert.Equal((160, 4, 2), (s.IntermediateSize, s.NumHeads, s.NumKeyValueHeads)));
        Assert.Equal([0, 0, 1, 1], shapes[0].KeyValueHeadOf);
        Assert.True(shapes[0].IsEvenlyGrouped);
    }

    [Fact]
    public void Prune_shrunk_overrides_the_blocks_it_lists()
    {
        var shapes = BlockShapes.Read(Config("""
            {"format_version": 1, "blocks": {"1": {"intermediate_size": 80, "num_attention_heads": 3, "num_key_value_heads": 2, "key_value_head_of": [0, 1, 1]}}}
            """));

        Assert.Equal(160, shapes[0].IntermediateSize);
        Assert.Equal((80, 3, 2), (shapes[1].IntermediateSize, shapes[1].NumHeads, shapes[1].NumKeyValueHeads));
        Assert.Equal([0, 1, 1], shapes[1].KeyValueHeadOf);
        Assert.False(shapes[1].IsEvenlyGrouped);
    }

    [Theory]
    [InlineData("""{"format_version": 1, "blocks": {"2": {"intermediate_size": 80}}}""")]
    [InlineData("""{"format_version": 1, "blocks": {"0": {"intermediate_size": 200}}}""")]
    [InlineData("""{"format_version": 1, "blocks": {"0": {"num_attention_heads": 3}}}""")]
    [InlineData("""{"format_version": 1, "blocks": {"0": {"num_attention_heads": 2, "key_value_head_of": [0, 2]}}}""")]
    public void Sizes_the_model_cannot_have_are_rejected(string shrunk) =>
        Assert.Throws<InvalidModelException>(() => BlockShapes.Read(Config(shrunk)));

    [Fact]
    public void An_unknown_format_version_is_unsupported() =>
        Assert.Throws<UnsupportedModelException>(() => BlockShapes.Read(Config("""{"format_version": 2, "blocks": {}}""")));

    private static ModelConfig Config(string? shrunk)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Fixture("models", "tiny-llama-gqa", "config.json")))!.AsObject();
        if (shrunk is not null)
        {
            json[BlockShapes.ConfigKey] = JsonNode.Parse(shrunk);
        }

        return ModelConfig.Parse(json.ToJsonString());
    }
}
