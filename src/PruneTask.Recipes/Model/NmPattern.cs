using System.Globalization;

namespace PruneTask.Recipes.Model;

/// <summary>
/// An N:M pattern: at most <see cref="N"/> nonzeros in every group of <see cref="M"/> consecutive input weights of a
/// row, groups starting at multiples of M (docs/methods.md, Decisions 1).
/// </summary>
public readonly record struct NmPattern(int N, int M)
{
    public int ZeroedPerGroup => M - N;

    /// <summary>The fraction of weights an N:M pattern zeroes, (M − N) / M.</summary>
    public double Sparsity => (double)(M - N) / M;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{N}:{M}");
}
