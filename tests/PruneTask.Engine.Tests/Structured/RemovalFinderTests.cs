using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Structured;

namespace PruneTask.Engine.Tests.Structured;

public sealed class RemovalFinderTests
{
    private static readonly BlockShape GroupedQuery = BlockShape.Even(intermediateSize: 6, heads: 4, keyValueHeads: 2);

    [Fact]
    public void A_key_value_head_goes_only_with_every_query_head_that_reads_it()
    {
        var removal = RemovalFinder.Find(0, GroupedQuery, [(Consumer(LinearRole.Output, 4), [true, false, true, true])]);

        Assert.Equal([0, 2, 3], removal.Heads);
        Assert.Equal([1], removal.KeyValueHeads);
    }

    [Fact]
    public void Neurons_come_from_the_down_projection_and_heads_from_the_output_projection()
    {
        var removal = RemovalFinder.Find(
            3, GroupedQuery, [(Consumer(LinearRole.Down, 6), [false, true, false, false, true, false]), (Consumer(LinearRole.Output, 4), [false, false, false, false])]);

        Assert.Equal(3, removal.Block);
        Assert.Equal([1, 4], removal.Neurons);
        Assert.Empty(removal.Heads);
        Assert.Empty(removal.KeyValueHeads);
    }

    [Fact]
    public void Groups_that_do_not_match_the_block_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => RemovalFinder.Find(0, GroupedQuery, [(Consumer(LinearRole.Output, 4), [true, false])]));
        Assert.Throws<InvalidOperationException>(() => RemovalFinder.Find(0, GroupedQuery, [(Consumer(LinearRole.Up, 4), [true])]));
    }

    [Fact]
    public void Applying_a_removal_keeps_each_query_head_on_its_key_value_head()
    {
        var removal = new BlockRemoval(0, [0, 5], [0, 1, 2], [0]);

        var shape = removal.Apply(GroupedQuery);

        Assert.Equal(4, shape.IntermediateSize);
        Assert.Equal(1, shape.NumHeads);
        Assert.Equal(1, shape.NumKeyValueHeads);
        Assert.Equal([0], shape.KeyValueHeadOf);
        Assert.Equal([0, 1, 1], new BlockRemoval(0, [], [1], []).Apply(GroupedQuery).KeyValueHeadOf);
        Assert.False(new BlockRemoval(0, [], [1], []).Apply(GroupedQuery).IsEvenlyGrouped);
    }

    private static LinearSpec Consumer(LinearRole role, long inputs) =>
        new("layer", 0, role, "layer", 8, inputs, TensorDtype.F32, WeightLayout.OutIn, false, [new LinearPart(role, 0, 8)]);
}
