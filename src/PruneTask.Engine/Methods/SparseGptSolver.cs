using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// SparseGPT's column loop (docs/methods.md §2, as IST-DASLab/sparsegpt's <c>fasterprune</c>): per block of B columns,
/// an adaptive unstructured mask (scores w²/U_cc² ≤ the floor(s·n)-th smallest) or N:M masks chosen at each group's
/// first column from the weights as updated so far; each pruned column's error is spread over the later columns of
/// the block at once and over the remaining blocks in one lazy matrix product.
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
        var pruned = weight.masked_fill(inverse.Dead.unsqueeze(0), RootedScalars.Zero);
        var rowLosses = torch.zeros(weight.shape[0], dtype: torch.float32);
        var columns = weight.shape[1];
        for (long start = 0; start < columns; start += settings.BlockSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var width = Math.Min(settings.BlockSize, columns - start);
            PruneBlock(pruned, inverse.Upper, start, width, sparsity, pattern, rowLosses);
        }

        return (pruned.MoveToOuterDisposeScope(), rowLosses.MoveToOuterDisposeScope(), inverse.Warning);
    }

    private static void PruneBlock(
        torch.Tensor weight, torch.Tensor upper, long start, long width, double? sparsity, NmPattern? pattern, torch.Tensor rowLosses)
    {
        using var scope = torch.NewDisposeScope();
        var block = weight.narrow(1, start, width).clone();
        var kept = torch.zeros_like(block);
        var errors = torch.zeros_like(block);
        var losses = torch.zeros_like(block);
        var upperBlock = upper.narrow(0, start, width).narrow(1, start, width);
        var diagonal = upperBlock.diagonal().contiguous();
        var pivots = diagonal.data<float>().ToArray();
        var mask = pattern is null ? AdaptiveMask(block, diagonal, sparsity!.Value) : torch.zeros_like(block, dtype: torch.@bool);

        for (var c = 0L; c < width; c++)
        {
            using var columnScope = torch.NewDisposeScope();
            if (pattern is { } p && c % p.M == 0)
            {
                var scores = Saliency(block.narrow(1, c, p.M), diagonal.narrow(0, c, p.M));
                mask.narrow(1, c, p.M).logical_or_(PruneMasks.SmallestPerGroup(scores, p));
            }

            var column = block.select(1, c);
            var quantized = column.masked_fill(mask.select(1, c), RootedScalars.Zero);
            var difference = column - quantized;
            var pivot = pivots[c];
            kept.select(1, c).copy_(quantized);
            losses.select(1, c).copy_(difference.square().div(pivot * pivot));
            var error = difference.div(pivot);
            block.narrow(1, c, width - c).sub_(error.outer(upperBlock.select(0, c).narrow(0, c, width - c)));
            errors.select(1, c).copy_(error);
        }

        weight.narrow(1, start, width).copy_(kept);
        rowLosses.add_(losses.sum(1).div(2));
        var rest = weight.shape[1] - start - width;
        if (rest > 0)
        {
            weight.narrow(1, start + width, rest).sub_(errors.matmul(upper.narrow(0, start, width).narrow(1, start + width, rest)));
        }
    }

    /// <summary>Flags every score ≤ the floor(s·n)-th smallest of the block (floor(s·n)+1 entries without ties); s = 0 flags none.</summary>
    private static torch.Tensor AdaptiveMask(torch.Tensor block, torch.Tensor diagonal, double sparsity)
    {
        var scores = Saliency(block, diagonal);
        if (sparsity == 0)
        {
            return torch.zeros_like(block, dtype: torch.@bool);
        }

        var index = PruneMasks.CountFor(sparsity, scores.numel());
        var threshold = scores.flatten().kthvalue(index + 1, 0).values;
        return scores.le(threshold);
    }

    private static torch.Tensor Saliency(torch.Tensor columns, torch.Tensor diagonal) =>
        columns.square().div(diagonal.square().unsqueeze(0));
}
