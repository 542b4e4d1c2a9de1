using System.Globalization;

namespace PruneTask.Recipes.Model;

/// <summary>An N:M target as recipes write it: at most <see cref="N"/> nonzeros in every group of <see cref="M"/>.</summary>
public readonly record struct NmRatio(int N, int M)
{
    /// <summary>The fraction of weights an N:M pattern zeroes, (M − N) / M.</summary>
    public double Sparsity => (double)(M - N) / M;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{N}:{M}");
}
