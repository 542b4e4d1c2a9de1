using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class PruneMasksTests
{
    [Fact]
    public void Per_row_flags_the_k_smallest_and_breaks_ties_by_lower_column()
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.tensor(new float[] { 3, 1, 1, 2, 1, 5, 5, 5, 5, 0 }, 2, 5);
        var mask = PruneMasks.SmallestPerRow(scores, 2);
        Assert.Equal(new[] { false, true, true, false, false }, mask[0].data<bool>().ToArray());
        Assert.Equal(new[] { true, false, false, false, true }, mask[1].data<bool>().ToArray());
    }

    [Fact]
    public void Per_group_flags_m_minus_n_of_every_group_lower_index_first()
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.tensor(new float[] { 4, 4, 4, 4, 1, 9, 0, 7 }, 1, 8);
        var mask = PruneMasks.SmallestPerGroup(scores, new NmPattern(1, 4));
        Assert.Equal(new[] { true, true, true, false, true, false, true, true }, mask.flatten().data<bool>().ToArray());
    }

    [Fact]
    public void Overall_flags_the_k_smallest_of_the_matrix_lower_flat_index_first()
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.tensor(new float[] { 2, 2, 0, 2, 2, 1 }, 2, 3);
        var mask = PruneMasks.SmallestOverall(scores, 3);
        Assert.Equal(new[] { true, false, true, false, false, true }, mask.flatten().data<bool>().ToArray());
    }

    [Fact]
    public void Count_is_the_floor_of_sparsity_times_length_and_rejects_out_of_range()
    {
        Assert.Equal(79, PruneMasks.CountFor(0.6199999999999999, 128));
        Assert.Equal(0, PruneMasks.CountFor(0, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneMasks.CountFor(1, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneMasks.CountFor(-0.1, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneMasks.CountFor(double.NaN, 128));
    }

    [Fact]
    public void A_pattern_whose_m_does_not_divide_the_inputs_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => PruneMasks.SmallestPerGroup(torch.ones(2, 6), new NmPattern(2, 4)));
        Assert.Contains("multiple of M = 4", ex.Message);
    }
}
