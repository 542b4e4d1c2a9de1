using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS's sparse step: the best matrix with the budgeted support, i.e. the residual with its smallest entries zeroed.
/// The smallest |R| are chosen as <see cref="PruneMasks"/> chooses, so among equal magnitudes the lower column index is zeroed first.
/// </summary>
internal static class OatsHardThreshold
{
    public static torch.Tensor Apply(torch.Tensor residual, OatsBudget budget, NmPattern? pattern) =>
        pattern is { } nm ? KeepPerGroup(residual, nm) : KeepPerRow(residual, budget.KeptPerRow);

    /// <summary>
    /// Keeps the <paramref name="keptPerRow"/> largest |r| of every row. Runs every iteration, so it selects in managed
    /// code, one row per task: a linear-time selection of the row's threshold and one pass that zeroes below it (ties
    /// at the threshold in column order), instead of libtorch's topk, a mask and a masked copy over the whole matrix.
    /// </summary>
    public static torch.Tensor KeepPerRow(torch.Tensor residual, int keptPerRow)
    {
        var rows = checked((int)residual.shape[0]);
        var width = checked((int)residual.shape[1]);
        var zeroed = width - keptPerRow;
        var next = residual.to_type(torch.float32, copy: true).contiguous();
        if (zeroed <= 0)
        {
            return next;
        }

        unsafe
        {
            fixed (byte* storage = next.bytes)
            {
                var start = (nint)storage;
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, torch.get_num_threads()) };
                Parallel.For(
                    0,
                    rows,
                    parallel,
                    () => new float[width],
                    (row, _, magnitudes) =>
                    {
                        ZeroSmallest(new Span<float>((float*)start + ((long)row * width), width), zeroed, magnitudes);
                        return magnitudes;
                    },
                    _ => { });
            }
        }

        return next;
    }

    /// <summary>Keeps the N largest |r| of every group of M consecutive columns of a row.</summary>
    public static torch.Tensor KeepPerGroup(torch.Tensor residual, NmPattern pattern)
    {
        using var scope = torch.NewDisposeScope();
        var zeroed = PruneMasks.SmallestPerGroup(residual.abs(), pattern);
        return residual.masked_fill(zeroed, RootedScalars.Zero).MoveToOuterDisposeScope();
    }

    /// <summary>Zeroes the <paramref name="count"/> entries of smallest magnitude of <paramref name="row"/>, lower index first among equals.</summary>
    internal static void ZeroSmallest(Span<float> row, int count, float[] scratch)
    {
        var magnitudes = scratch.AsSpan(0, row.Length);
        for (var j = 0; j < row.Length; j++)
        {
            magnitudes[j] = Math.Abs(row[j]);
        }

        var threshold = Select(magnitudes, count - 1);
        var below = 0;
        for (var j = 0; j < row.Length; j++)
        {
            if (Math.Abs(row[j]) < threshold)
            {
                row[j] = 0;
                below++;
            }
        }

        for (var j = 0; j < row.Length && below < count; j++)
        {
            if (Math.Abs(row[j]) == threshold)
            {
                row[j] = 0;
                below++;
            }
        }
    }

    /// <summary>The <paramref name="k"/>-th smallest value (0-based) of <paramref name="values"/>, which it reorders (Wirth's selection).</summary>
    private static float Select(Span<float> values, int k)
    {
        int low = 0, high = values.Length - 1;
        while (low < high)
        {
            var pivot = values[k];
            int i = low, j = high;
            do
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (pivot < values[j])
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            while (i <= j);

            if (j < k)
            {
                low = i;
            }

            if (k < i)
            {
                high = j;
            }
        }

        return values[k];
    }
}
