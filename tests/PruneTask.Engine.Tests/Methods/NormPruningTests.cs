using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class NormPruningTests
{
    [Fact]
    public void Removes_the_columns_with_the_smallest_norms_and_keeps_the_rest_unchanged()
    {
        using var weight = torch.tensor(new float[,] { { 3, 0.1f, -2, 0.5f }, { 4, 0.2f, 0, -0.5f } });

        using var result = NormPruning.Prune(weight, new NormPruningOptions(Keep: 0.5));

        Assert.Equal(new[] { false, true, false, true }, result.RemovedGroups!);
        using var expected = torch.tensor(new float[,] { { 3, 0, -2, 0 }, { 4, 0, 0, 0 } });
        Assert.True(result.Weight.eq(expected).all().ToBoolean());
    }

    [Fact]
    public void Scores_a_head_by_the_norm_of_all_its_columns()
    {
        using var weight = torch.tensor(new float[,] { { 1, 1, 0.5f, 0, 1, 1 }, { 1, 1, 0, 0, 1, 1 } });

        using var result = NormPruning.Prune(weight, new NormPruningOptions(Keep: 2.0 / 3, GroupSize: 2));

        Assert.Equal(new[] { false, true, false }, result.RemovedGroups!);
        Assert.Equal(0, result.Weight.narrow(1, 2, 2).count_nonzero().ToInt64());
        Assert.All(result.Weight.narrow(1, 0, 2).contiguous().data<float>().ToArray(), w => Assert.Equal(1f, w));
    }

    [Fact]
    public void Equal_norms_remove_the_lower_index_first()
    {
        using var weight = torch.ones(3, 4);

        using var result = NormPruning.Prune(weight, new NormPruningOptions(Keep: 0.5));

        Assert.Equal(new[] { true, true, false, false }, result.RemovedGroups!);
    }

    [Fact]
    public void Group_size_must_divide_the_inputs()
    {
        using var weight = torch.ones(3, 10);

        Assert.Throws<ArgumentException>(() => NormPruning.Prune(weight, new NormPruningOptions(0.5, GroupSize: 4)));
    }
}
