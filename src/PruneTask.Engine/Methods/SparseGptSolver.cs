using System.Buffers;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// SparseGPT's column loop (docs/methods.md §2, as IST-DASLab/sparsegpt's <c>fasterprune</c>): per block of B columns,
/// an adaptive unstructured mask (scores w²/U_cc² ≤ the floor(s·n)-th smallest) or N:M masks chosen at each group's
/// first column from the weights as updated so far; each pruned column's error is spread over the later columns of
/// the block and over the remaining blocks in one lazy matrix product. Within a block the same updates are applied in
/// two levels: column by column only inside a sweep of a few columns, then from the whole sweep to the block's later
/// columns in one product, so that most of the work runs at matrix-product speed (equal up to float rounding). The
/// solve works on Wᵀ, where every column is contiguous.
/// </summary>
internal static class SparseGptSolver
{
    /// <summary>Prunes a copy of <paramref name="weight"/>; also returns the per-row OBS losses ½ Σ (w − q)² / U_cc².</summary>
    public static (torch.Tensor Weight, torch.Tensor RowLosses, string? Warning) Solve(
        torch.Tensor weight, LayerStatistics statistics, double? sparsity, NmPattern? pattern, SparseGptSettings settings, CancellationToken cancellation = default)
    {
        MethodInputs.CheckStatistics(weight, statistics);
        settings.Check(pattern);
        if (pattern is { } p)
        {
            PruneMasks.CheckPattern(weight.shape[1], p);
        }
        else if (sparsity is { } s)
        {
            PruneMasks.CountFor(s, weight.numel());
        }
        else
        {
            throw new ArgumentException("SparseGPT needs a sparsity or an N:M pattern.");
        }

        using var scope = torch.NewDisposeScope();
        using var inverse = InverseHessian.Factor(statistics, settings.Damping);
        // Wᵀ, so that every column is a contiguous row: one transpose each way instead of one per block and back. Always
        // a new tensor (weight.T.contiguous() would be the caller's own storage for a column-major weight).
        var transposed = torch.empty([weight.shape[1], weight.shape[0]], dtype: weight.dtype, device: weight.device)
            .copy_(weight.T).masked_fill_(inverse.Dead.unsqueeze(1), RootedScalars.Zero);
        var rowLosses = new double[weight.shape[0]];
        var columns = weight.shape[1];
        var sweepWidth = SweepWidth(pattern);
        var threads = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, torch.get_num_threads()) };
        for (long start = 0; start < columns; start += settings.BlockSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var width = Math.Min(settings.BlockSize, columns - start);
            PruneBlock(transposed, inverse.Upper, start, width, sweepWidth, sparsity, pattern, rowLosses, threads);
        }

        var pruned = transposed.T.contiguous();
        var halfLosses = torch.tensor(rowLosses.Select(l => l / 2).ToArray()).to_type(torch.float32);
        return (pruned.MoveToOuterDisposeScope(), halfLosses.MoveToOuterDisposeScope(), inverse.Warning);
    }

    /// <summary>
    /// Columns whose updates are applied one by one (<see cref="SparseGptColumnSweep"/>) before the block's later columns
    /// receive them in one product: a multiple of M, so that an N:M group never straddles two sweeps.
    /// </summary>
    private static int SweepWidth(NmPattern? pattern) => pattern is { } p ? p.M * Math.Max(1, 32 / p.M) : 32;

    /// <summary>
    /// One block of columns: the mask (adaptive, or chosen group by group), then sweeps of a few columns whose errors
    /// update the rest of the block with one product each, then the lazy update of every later column with one product.
    /// </summary>
    /// <param name="transposed">Wᵀ [columns, rows], so the block is a contiguous run of rows.</param>
    private static void PruneBlock(
        torch.Tensor transposed, torch.Tensor upper, long start, long width, int sweepWidth, double? sparsity, NmPattern? pattern, double[] rowLosses, ParallelOptions threads)
    {
        using var scope = torch.NewDisposeScope();
        var rows = (int)transposed.shape[1];
        var columns = transposed.narrow(0, start, width);
        var upperBlock = upper.narrow(0, start, width).narrow(1, start, width);
        var errors = torch.empty_like(columns);
        var mask = torch.zeros_like(columns, dtype: torch.@bool);
        if (pattern is null)
        {
            using var diagonal = upperBlock.diagonal().contiguous();
            AdaptiveMask(SparseGptColumnSweep.Floats(columns), SparseGptColumnSweep.Floats(diagonal), rows, sparsity!.Value, mask.bytes);
        }

        for (long first = 0; first < width; first += sweepWidth)
        {
            var count = Math.Min(sweepWidth, width - first);
            using var sweepScope = torch.NewDisposeScope();
            var sweepUpper = upperBlock.narrow(0, first, count).narrow(1, first, count).contiguous();
            SparseGptColumnSweep.Run(
                columns.narrow(0, first, count),
                mask.narrow(0, first, count),
                errors.narrow(0, first, count),
                sweepUpper,
                pattern,
                rowLosses,
                threads);
            var later = width - first - count;
            if (later > 0)
            {
                var toLater = upperBlock.narrow(0, first, count).narrow(1, first + count, later);
                columns.narrow(0, first + count, later).addmm_(toLater.T, errors.narrow(0, first, count), beta: 1, alpha: -1);
            }
        }

        var rest = transposed.shape[0] - start - width;
        if (rest > 0)
        {
            transposed.narrow(0, start + width, rest).addmm_(upper.narrow(0, start, width).narrow(1, start + width, rest).T, errors, beta: 1, alpha: -1);
        }
    }


    /// <summary>
    /// Flags every score w²/U_cc² of the block (given transposed, [width, rows]) that is ≤ the floor(s·n)-th smallest
    /// (floor(s·n)+1 entries without ties); s = 0 flags none.
    /// </summary>
    private static void AdaptiveMask(ReadOnlySpan<float> columns, ReadOnlySpan<float> diagonal, int rows, double sparsity, Span<byte> mask)
    {
        if (sparsity == 0)
        {
            return;
        }

        var rented = ArrayPool<float>.Shared.Rent(columns.Length);
        try
        {
            var scores = rented.AsSpan(0, columns.Length);
            for (var c = 0; c < diagonal.Length; c++)
            {
                var pivotSquared = diagonal[c] * diagonal[c];
                var column = columns.Slice(c * rows, rows);
                var target = scores.Slice(c * rows, rows);
                for (var r = 0; r < rows; r++)
                {
                    target[r] = column[r] * column[r] / pivotSquared;
                }
            }

            var threshold = NonNegativeSelection.KthSmallest(scores, PruneMasks.CountFor(sparsity, scores.Length));
            for (var i = 0; i < scores.Length; i++)
            {
                mask[i] = scores[i] <= threshold ? (byte)1 : (byte)0;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
