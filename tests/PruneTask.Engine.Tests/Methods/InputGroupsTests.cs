using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class InputGroupsTests
{
    [Theory]
    [InlineData(128, 0.5, 64)]
    [InlineData(8, 0.75, 6)]
    [InlineData(8, 1 - 0.3, 5)]
    [InlineData(10, 1 - 0.7, 3)]
    [InlineData(8, 1.0, 8)]
    public void Kept_count_is_the_floor_of_groups_times_keep(int count, double keep, int kept)
    {
        Assert.Equal(kept, new InputGroups(count, 1).KeptFor(keep));
    }

    [Fact]
    public void Columns_lists_the_inputs_of_each_group_in_order()
    {
        var groups = InputGroups.Of(12, 3);

        using var columns = groups.Columns([3, 1], torch.CPU);

        Assert.Equal(new long[] { 9, 10, 11, 3, 4, 5 }, columns.data<long>().ToArray());
    }

    [Fact]
    public void Diagonal_blocks_are_the_within_group_submatrices()
    {
        var groups = InputGroups.Of(4, 2);
        using var square = torch.tensor(Enumerable.Range(0, 16).Select(i => (double)i).ToArray()).reshape(4, 4);

        using var blocks = groups.DiagonalBlocks(square);

        using var expected = torch.tensor(new double[] { 0, 1, 4, 5, 10, 11, 14, 15 }).reshape(2, 2, 2);
        Assert.True(blocks.eq(expected).all().ToBoolean());
    }

    [Fact]
    public void A_group_size_that_does_not_divide_the_inputs_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => InputGroups.Of(10, 4));
    }
}
