using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class SparseGptColumnSweepTests
{
    [Theory]
    [InlineData(2, 4)]
    [InlineData(4, 8)]
    [InlineData(1, 3)]
    [InlineData(5, 16)]
    public void The_rank_in_a_group_flags_what_a_stable_sort_flags(int n, int m)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(41);
        // Few distinct values, so most groups hold ties; some NaN, which a sort puts last.
        var scores = torch.randint(0, 3, [200, m * 6], generator: generator).to_type(torch.float32);
        scores.masked_fill_(torch.rand(scores.shape, generator: generator).lt(0.05), float.NaN);
        var pattern = new NmPattern(n, m);
        var expected = PruneMasks.SmallestPerGroup(scores, pattern).data<bool>().ToArray();
        var values = scores.data<float>().ToArray();

        var flagged = new bool[values.Length];
        for (var group = 0; group < values.Length; group += m)
        {
            for (var k = 0; k < m; k++)
            {
                flagged[group + k] = SparseGptColumnSweep.RankInGroup(values.AsSpan(group, m), k) < pattern.ZeroedPerGroup;
            }
        }

        Assert.Equal(expected, flagged);
    }
}
