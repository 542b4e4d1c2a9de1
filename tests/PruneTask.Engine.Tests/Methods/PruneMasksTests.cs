using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_row_and_per_group_selection_flags_what_a_stable_sort_flags(bool ties)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(71);
        var scores = torch.rand(64, 96, generator: generator);
        if (ties)
        {
            scores = scores.mul(4).floor();
        }

        foreach (var (dim, count, mask) in new[]
        {
            (1L, 37L, PruneMasks.SmallestPerRow(scores, 37)),
            (1L, 70L, PruneMasks.SmallestPerRow(scores, 70)),
            (2L, 3L, PruneMasks.SmallestPerGroup(scores, new NmPattern(5, 8)).reshape(64, 12, 8)),
            (2L, 7L, PruneMasks.SmallestPerGroup(scores, new NmPattern(1, 8)).reshape(64, 12, 8)),
        })
        {
            var grouped = scores.reshape(mask.shape);
            var indices = grouped.sort(dim, stable: true).Indices.narrow(dim, 0, count);
            var expected = torch.zeros_like(grouped, dtype: torch.@bool).scatter_(dim, indices, torch.ones_like(indices, dtype: torch.@bool));
            Assert.True(mask.eq(expected).all().item<bool>());
        }
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
