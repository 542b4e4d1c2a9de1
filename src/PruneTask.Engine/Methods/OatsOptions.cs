namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS settings (docs/methods.md §4). <paramref name="Compression"/> ρ is the fraction of parameters removed, counting the
/// low-rank and the sparse part; <paramref name="RankRatio"/> κ is the share of the kept parameters given to the low-rank part.
/// With a <paramref name="Pattern"/> (N kept of every M in the sparse part) ρ is ignored: the budget follows from κ and N/M.
/// <paramref name="Seed"/> seeds the Gaussian sketches of <see cref="OatsSvd.Randomized"/>.
/// </summary>
public sealed record OatsOptions(
    double Compression,
    double RankRatio = 0.25,
    int Iterations = 80,
    NmPattern? Pattern = null,
    OatsSvd Svd = OatsSvd.Exact,
    long Seed = 0)
{
    public void Validate()
    {
        if (Pattern is null && Compression is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "OATS compression must lie in [0, 1).");
        }

        if (RankRatio is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RankRatio), RankRatio, "OATS rank_ratio must lie in [0, 1).");
        }

        if (Iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "OATS needs at least one iteration.");
        }
    }
}
