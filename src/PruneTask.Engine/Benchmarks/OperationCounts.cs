namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Operation-count models for a [d_out, d_in] layer, following the cost sections of docs/methods.md. Sorts count
/// n·log2(k) comparisons for n entries sorted in runs of k; statistics gathering is not included.
/// </summary>
public static class OperationCounts
{
    /// <summary>|W| and one sort over the whole layer.</summary>
    public static double MagnitudeLayer(long dOut, long dIn) => Entries(dOut, dIn) * (1 + Math.Log2(Entries(dOut, dIn)));

    /// <summary>|W| and a sort within every group of m.</summary>
    public static double MagnitudeGroups(long dOut, long dIn, int m) => Entries(dOut, dIn) * (1 + Math.Log2(m));

    /// <summary>|W|·a (two operations an entry) and a sort of every row.</summary>
    public static double WandaRows(long dOut, long dIn) => Entries(dOut, dIn) * (2 + Math.Log2(dIn));

    /// <summary>|W|·a and a sort within every group of m.</summary>
    public static double WandaGroups(long dOut, long dIn, int m) => Entries(dOut, dIn) * (2 + Math.Log2(m));

    /// <summary>
    /// The factor U of H⁻¹ as computed (one Cholesky, d³/3, and a blocked triangular inverse, 2d³/3; the reference's
    /// three factorizations take 4d³/3), the intra-block updates (d_out·d_in·B), the lazy inter-block products
    /// (≈ d_out·d_in²) and about ten elementwise operations an entry for scores and errors.
    /// </summary>
    public static double SparseGpt(long dOut, long dIn, int blockSize)
    {
        double d = dIn;
        return (d * d * d) + (Entries(dOut, dIn) * (blockSize + d + 10));
    }

    /// <summary>XᵀX for n tokens of d features as a symmetric rank-n update: n·d² (half the full product's 2·n·d²).</summary>
    public static double SymmetricGram(long tokens, long features) => (double)tokens * features * features;

    private static double Entries(long dOut, long dIn) => (double)dOut * dIn;
}
