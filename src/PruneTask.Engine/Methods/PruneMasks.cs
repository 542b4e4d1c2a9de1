using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Masks (true = prune) that flag the smallest scores of a [out, in] score matrix, within each row, within each
/// N:M group of a row, or over the whole matrix. Every selection sorts stably, so equal scores are flagged lower
/// index first (docs/methods.md, Decisions 6).
/// </summary>
internal static class PruneMasks
{
    /// <summary>Flags the <paramref name="count"/> smallest scores of every row.</summary>
    public static torch.Tensor SmallestPerRow(torch.Tensor scores, long count)
    {
        using var scope = torch.NewDisposeScope();
        return FlagSmallest(scores, count, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>Flags the M − N smallest scores of every group of M consecutive columns (groups start at multiples of M).</summary>
    public static torch.Tensor SmallestPerGroup(torch.Tensor scores, NmPattern pattern)
    {
        CheckPattern(scores.shape[1], pattern);
        using var scope = torch.NewDisposeScope();
        var groups = scores.reshape(scores.shape[0], scores.shape[1] / pattern.M, pattern.M);
        return FlagSmallest(groups, pattern.ZeroedPerGroup, dim: 2).reshape(scores.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Flags the <paramref name="count"/> smallest scores of the whole matrix (ties: lower row-major index first).</summary>
    public static torch.Tensor SmallestOverall(torch.Tensor scores, long count)
    {
        using var scope = torch.NewDisposeScope();
        return FlagSmallestBySelection(scores.flatten(), count).reshape(scores.shape).MoveToOuterDisposeScope();
    }

    /// <summary>How many of <paramref name="length"/> entries a sparsity prunes: floor(s · length), as the references compute it.</summary>
    public static long CountFor(double sparsity, long length)
    {
        if (!(sparsity >= 0 && sparsity < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "Sparsity must lie in [0, 1).");
        }

        return (long)Math.Floor(length * sparsity);
    }

    public static void CheckPattern(long inputFeatures, NmPattern pattern)
    {
        if (pattern.M <= 0 || pattern.N < 0 || pattern.N > pattern.M)
        {
            throw new ArgumentException($"{pattern} is not an N:M pattern with 0 <= N <= M.", nameof(pattern));
        }

        if (inputFeatures % pattern.M != 0)
        {
            throw new ArgumentException($"The layer has {inputFeatures} input features, which is not a multiple of M = {pattern.M} ({pattern}).", nameof(pattern));
        }
    }

    /// <summary>
    /// Flags the <paramref name="count"/> smallest entries along <paramref name="dim"/>, ties to the lower index. A
    /// partial selection (topk, linear time) finds where the cut falls; when every slice then holds exactly
    /// <paramref name="count"/> entries below it, those are the answer, and only ties at the cut (or NaN) need the
    /// stable sort, which is then run on the whole tensor.
    /// </summary>
    private static torch.Tensor FlagSmallest(torch.Tensor scores, long count, long dim)
    {
        if (count <= 0)
        {
            return torch.zeros_like(scores, dtype: torch.@bool);
        }

        // With v the slice sorted ascending, both v_count (the largest of the count smallest) and v_count+1 (the smallest
        // of the rest) separate the flags exactly when they differ; select whichever side is shorter.
        var length = scores.shape[dim];
        var mask = count <= length - count
            ? scores.le(scores.topk((int)count, (int)dim, largest: false, sorted: false).values.amax([dim], keepdim: true))
            : count == length
                ? torch.ones_like(scores, dtype: torch.@bool)
                : scores.lt(scores.topk((int)(length - count), (int)dim, largest: true, sorted: false).values.amin([dim], keepdim: true));
        using var expected = count.ToScalar();
        if (mask.sum([dim], type: torch.int64).eq(expected).all().item<bool>())
        {
            return mask;
        }

        mask.zero_();
        var indices = scores.sort(dim, descending: false, stable: true).Indices.narrow(dim, 0, count);
        return mask.scatter_(dim, indices, torch.ones_like(indices, dtype: torch.@bool));
    }

    /// <summary>
    /// What <see cref="FlagSmallest"/> flags in a 1-D tensor, in linear time instead of a sort of the whole layer: every
    /// entry below the count-th smallest value, then, in index order, as many of the entries equal to it as are needed.
    /// </summary>
    private static torch.Tensor FlagSmallestBySelection(torch.Tensor scores, long count)
    {
        if (count <= 0)
        {
            return torch.zeros_like(scores, dtype: torch.@bool);
        }

        var (kth, _) = scores.kthvalue(count, 0, keepdim: true);
        var atMost = scores.le(kth);
        if (atMost.sum().ToInt64() == count)
        {
            return atMost;
        }

        var below = scores.lt(kth);
        var tied = scores.eq(kth);
        var tiesSoFar = tied.to(torch.float64).cumsum(0);
        using var tiesNeeded = ((double)count - below.sum().ToInt64()).ToScalar();
        return below.logical_or_(tied.logical_and(tiesSoFar.le(tiesNeeded)));
    }
}
