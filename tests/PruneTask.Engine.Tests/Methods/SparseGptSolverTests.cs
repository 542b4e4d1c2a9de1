using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// The two-level sweep against a column-by-column transcription of docs/methods.md §2 (every rank-1 update applied to
/// the whole rest of the block, as the reference does) with the same U: identical masks, weights within 1e-5.
/// </summary>
public class SparseGptSolverTests
{
    private const long Sequences = 4;

    [Theory]
    [InlineData(31UL, 300, 200, 64, 0.5, 0, 0)]
    [InlineData(32UL, 96, 256, 128, 0.6, 0, 0)]
    [InlineData(33UL, 300, 200, 64, null, 2, 4)]
    [InlineData(34UL, 70, 256, 128, null, 4, 8)]
    public void Two_level_updates_equal_column_by_column_updates(ulong seed, long rows, long columns, int blockSize, double? sparsity, int n, int m)
    {
        using var scope = torch.NewDisposeScope();
        var x = SyntheticLayer.Activations(seed, 512, columns, 3, columns - 10);
        x.select(1, 17).zero_();
        using var statistics = SyntheticLayer.Statistics(x, Sequences);
        var weight = SyntheticLayer.Weight(seed, rows, columns);
        NmPattern? pattern = m == 0 ? null : new NmPattern(n, m);
        var settings = SparseGptSettings.Default with { BlockSize = blockSize };

        var (pruned, rowLosses, _) = SparseGptSolver.Solve(weight, statistics, sparsity, pattern, settings);
        var (expected, expectedLosses) = ColumnByColumn(weight, statistics, sparsity, pattern, settings);

        Assert.True(pruned.eq(0).eq(expected.eq(0)).all().item<bool>());
        Assert.InRange(MethodFixtures.MaxAbsoluteDifference(expected, pruned), 0, 1e-5);
        Assert.True(torch.allclose(rowLosses, expectedLosses, rtol: 1e-4, atol: 0));
    }

    /// <summary>docs/methods.md §2 step by step, in float32, with every column's update applied to the rest of its block at once.</summary>
    private static (torch.Tensor Weight, torch.Tensor RowLosses) ColumnByColumn(
        torch.Tensor weight, LayerStatistics statistics, double? sparsity, NmPattern? pattern, SparseGptSettings settings)
    {
        using var inverse = InverseHessian.Factor(statistics, settings.Damping);
        var upper = inverse.Upper;
        var w = weight.masked_fill(inverse.Dead.unsqueeze(0), 0.0);
        var losses = torch.zeros(weight.shape[0], dtype: torch.float64);
        var columns = weight.shape[1];
        for (long start = 0; start < columns; start += settings.BlockSize)
        {
            var width = Math.Min(settings.BlockSize, columns - start);
            var block = w.narrow(1, start, width).clone();
            var u = upper.narrow(0, start, width).narrow(1, start, width);
            var pivots = u.diagonal();
            var errors = torch.zeros_like(block);
            var mask = torch.zeros_like(block, dtype: torch.@bool);
            if (sparsity is { } s)
            {
                var scores = block.mul(block).div(pivots.mul(pivots).unsqueeze(0));
                var threshold = scores.flatten().sort().Values[(long)Math.Floor(s * scores.numel())];
                mask = scores.le(threshold);
            }

            for (long c = 0; c < width; c++)
            {
                if (pattern is { } p && c % p.M == 0)
                {
                    var group = block.narrow(1, c, p.M);
                    var groupPivots = pivots.narrow(0, c, p.M);
                    var scores = group.mul(group).div(groupPivots.mul(groupPivots).unsqueeze(0));
                    mask.narrow(1, c, p.M).copy_(PruneMasks.SmallestPerGroup(scores, p));
                }

                var column = block.select(1, c);
                var kept = column.masked_fill(mask.select(1, c), 0.0);
                var difference = column - kept;
                var pivot = pivots[c].item<float>();
                losses.add_(difference.to_type(torch.float64).square().div(pivot * (double)pivot));
                var error = difference.div(pivot);
                block.narrow(1, c, width - c).sub_(error.outer(u.select(0, c).narrow(0, c, width - c)));
                block.select(1, c).copy_(kept);
                errors.select(1, c).copy_(error);
            }

            w.narrow(1, start, width).copy_(block);
            var rest = columns - start - width;
            if (rest > 0)
            {
                w.narrow(1, start + width, rest).sub_(errors.matmul(upper.narrow(0, start, width).narrow(1, start + width, rest)));
            }
        }

        return (w, losses.div(2).to_type(torch.float32));
    }
}
