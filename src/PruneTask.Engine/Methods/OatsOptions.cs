using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS settings (docs/methods.md §4). <paramref name="Compression"/> ρ is the fraction of parameters removed, counting the
/// low-rank and the sparse part; <paramref name="RankRatio"/> κ is the share of the kept parameters given to the low-rank part.
/// With a <paramref name="Pattern"/> (N kept of every M in the sparse part) ρ is ignored: the budget follows from κ and N/M.
/// <paramref name="Seed"/> seeds the Gaussian sketches of <see cref="OatsSvd.Randomized"/>; no recipe option sets it.
/// </summary>
public sealed record OatsOptions(
    double Compression,
    double RankRatio,
    int Iterations,
    NmPattern? Pattern,
    OatsSvd Svd,
    long Seed = 0)
{
    /// <summary>The settings for a target (a compression, or a pattern with <paramref name="pattern"/>) and the options <c>rank_ratio</c>, <c>iterations</c> and <c>svd</c>.</summary>
    public static OatsOptions From(MethodOptions options, double compression, NmPattern? pattern = null) =>
        new(
            compression,
            options.Number(OptionNames.RankRatio),
            checked((int)options.Integer(OptionNames.Iterations)),
            pattern,
            options.Choice<OatsSvd>(OptionNames.Svd));

    /// <summary>The settings for a target with every option at its declared default.</summary>
    public static OatsOptions Default(double compression, NmPattern? pattern = null) =>
        From(MethodOptions.Defaults(MethodNames.Oats), compression, pattern);

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

/// <summary>How OATS finds the best rank-r approximation in each iteration: the choices of the option <c>svd</c>, by name.</summary>
public enum OatsSvd
{
    /// <summary>Full thin SVD, as the reference implementation does.</summary>
    Exact,

    /// <summary>Randomized range finder (Gaussian sketch, power iterations, small SVD): O(d_out·d_in·r) instead of a full SVD.</summary>
    Randomized,
}
