namespace PruneTask.Engine.Methods;

/// <summary>
/// How OATS splits one matrix's parameter budget: the rank of the low-rank part and the nonzeros kept per row of the
/// sparse part. The arithmetic follows the reference code step by step in double precision, so the floors agree with it.
/// </summary>
public readonly record struct OatsBudget(int Rank, int KeptPerRow)
{
    public static OatsBudget For(long outFeatures, long inFeatures, OatsOptions options)
    {
        var kappa = options.RankRatio;
        double denseAllocation;
        long keptPerRow;
        if (options.Pattern is { } pattern)
        {
            if (inFeatures % pattern.M != 0)
            {
                throw new ArgumentException($"OATS pattern {pattern} needs d_in ({inFeatures}) to be a multiple of {pattern.M}.");
            }

            denseAllocation = (double)pattern.N / pattern.M / (1.0 - kappa);
            keptPerRow = inFeatures / pattern.M * pattern.N;
        }
        else
        {
            denseAllocation = 1 - options.Compression;
            var sparseFraction = 1.0 - (1.0 - kappa) * denseAllocation;
            keptPerRow = inFeatures - (long)(inFeatures * sparseFraction);
        }

        var rank = (long)(kappa * denseAllocation * (outFeatures * inFeatures) / (outFeatures + inFeatures));
        return new OatsBudget((int)Math.Min(rank, Math.Min(outFeatures, inFeatures)), (int)keptPerRow);
    }

    /// <summary>Parameters the factored form stores for a [out, in] matrix: r·(out + in) + out·kept.</summary>
    public long Parameters(long outFeatures, long inFeatures) => Rank * (outFeatures + inFeatures) + outFeatures * KeptPerRow;
}
