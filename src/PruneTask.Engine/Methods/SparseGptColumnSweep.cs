using System.Numerics;
using System.Runtime.InteropServices;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// SparseGPT's column-by-column OBS step over a few consecutive columns of a block, on plain memory: for each column c,
/// q = the column with its flagged entries zeroed, e = (w − q)/U_cc, and the later columns of the sweep receive
/// w_k −= e·U_ck. The columns are stored transposed (column c is the contiguous row c of <c>columns</c>), so every step
/// is one pass over contiguous memory; rows are independent, so the sweep runs a strip of rows at a time while it
/// stays in cache, strips in parallel. N:M masks are chosen at each group's first column from the weights as updated so far.
/// </summary>
internal static class SparseGptColumnSweep
{
    /// <summary>Rows swept together: 64 columns × 256 rows of float32 stay in a 64 KiB cache.</summary>
    private const int RowStrip = 256;

    /// <param name="columns">[count, rows], contiguous: the sweep's columns, transposed; on return they hold q.</param>
    /// <param name="mask">[count, rows] bool, 1 = pruned; filled here at each group's first column when a pattern is given.</param>
    /// <param name="errors">[count, rows]: receives e for every column.</param>
    /// <param name="upper">U's rows and columns for the sweep, [count, count] contiguous (only the upper triangle is read).</param>
    /// <param name="rowLosses">[rows]: receives Σ (w − q)²/U_cc² per row.</param>
    /// <param name="threads">Strips of rows are independent and run in parallel.</param>
    public static void Run(
        torch.Tensor columns, torch.Tensor mask, torch.Tensor errors, torch.Tensor upper, NmPattern? pattern, double[] rowLosses, ParallelOptions threads)
    {
        var count = (int)columns.shape[0];
        var rows = (int)columns.shape[1];
        var strips = (rows + RowStrip - 1) / RowStrip;
        Parallel.For(0, strips, threads, s => Run(
            Floats(columns), mask.bytes, Floats(errors), Floats(upper), count, rows, s * RowStrip, Math.Min(RowStrip, rows - (s * RowStrip)), pattern, rowLosses));
    }

    private static void Run(
        Span<float> columns, Span<byte> mask, Span<float> errors, ReadOnlySpan<float> upper, int count, int rows, int strip, int length, NmPattern? pattern, Span<double> rowLosses)
    {
        for (var c = 0; c < count; c++)
        {
            if (pattern is { } p && c % p.M == 0)
            {
                FlagGroup(columns, mask, upper, count, rows, c, strip, length, p);
            }

            var pivot = upper[(c * count) + c];
            var column = columns.Slice((c * rows) + strip, length);
            var error = errors.Slice((c * rows) + strip, length);
            Prune(column, mask.Slice((c * rows) + strip, length), error, pivot, rowLosses.Slice(strip, length));
            for (var k = c + 1; k < count; k++)
            {
                SubtractScaled(columns.Slice((k * rows) + strip, length), error, upper[(c * count) + k]);
            }
        }
    }

    /// <summary>The float32 storage of a contiguous CPU tensor (a narrow along dimension 0 of a contiguous tensor is one).</summary>
    internal static Span<float> Floats(torch.Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    /// <summary>Flags, per row, the M − N smallest w²/U_kk² of the group starting at column <paramref name="first"/> (ties: lower column first, NaN largest).</summary>
    private static void FlagGroup(
        ReadOnlySpan<float> columns, Span<byte> mask, ReadOnlySpan<float> upper, int count, int rows, int first, int strip, int length, NmPattern pattern)
    {
        Span<float> pivotsSquared = stackalloc float[pattern.M];
        Span<float> scores = stackalloc float[pattern.M];
        for (var k = 0; k < pattern.M; k++)
        {
            var pivot = upper[((first + k) * count) + first + k];
            pivotsSquared[k] = pivot * pivot;
        }

        for (var r = strip; r < strip + length; r++)
        {
            for (var k = 0; k < pattern.M; k++)
            {
                var w = columns[((first + k) * rows) + r];
                scores[k] = (w * w) / pivotsSquared[k];
            }

            for (var k = 0; k < pattern.M; k++)
            {
                if (RankInGroup(scores, k) < pattern.ZeroedPerGroup)
                {
                    mask[((first + k) * rows) + r] = 1;
                }
            }
        }
    }

    /// <summary>The position of entry k in a stable ascending sort of the scores (NaN after every number, as torch sorts).</summary>
    internal static int RankInGroup(ReadOnlySpan<float> scores, int k)
    {
        var score = scores[k];
        if (float.IsNaN(score))
        {
            var numbers = 0;
            for (var j = k + 1; j < scores.Length; j++)
            {
                numbers += float.IsNaN(scores[j]) ? 0 : 1;
            }

            return k + numbers;
        }

        // A NaN fails both comparisons, so it never counts as ahead of a number.
        var rank = 0;
        for (var j = 0; j < k; j++)
        {
            rank += scores[j] <= score ? 1 : 0;
        }

        for (var j = k + 1; j < scores.Length; j++)
        {
            rank += scores[j] < score ? 1 : 0;
        }

        return rank;
    }

    private static void Prune(Span<float> column, ReadOnlySpan<byte> mask, Span<float> error, float pivot, Span<double> rowLosses)
    {
        var pivotSquared = pivot * pivot;
        for (var r = 0; r < column.Length; r++)
        {
            if (mask[r] == 0)
            {
                error[r] = 0;
                continue;
            }

            var w = column[r];
            error[r] = w / pivot;
            rowLosses[r] += (w * w) / pivotSquared;
            column[r] = 0;
        }
    }

    /// <summary>target −= factor · source.</summary>
    private static void SubtractScaled(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        var r = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(factor);
            for (; r <= target.Length - Vector<float>.Count; r += Vector<float>.Count)
            {
                var t = new Vector<float>(target[r..]);
                (t - (scale * new Vector<float>(source[r..]))).CopyTo(target[r..]);
            }
        }

        for (; r < target.Length; r++)
        {
            target[r] -= factor * source[r];
        }
    }
}
