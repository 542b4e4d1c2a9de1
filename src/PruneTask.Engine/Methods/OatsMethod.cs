namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS as a recipe method (<c>method: oats</c>). Options: <c>compression</c> (default: the request's sparsity),
/// <c>rank_ratio</c> (0.25), <c>iterations</c> (80), <c>pattern</c> ("N:M" kept in the sparse part; the request's
/// pattern wins, and either makes compression unused), <c>svd</c> (<c>exact</c> or <c>randomized</c>) and <c>seed</c>
/// (of the randomized sketches, 0). The result carries the factors: Weight = LowRankU·LowRankV + Sparse.
/// </summary>
public sealed class OatsMethod : IPruningMethod
{
    public const string MethodName = "oats";

    private static readonly OatsOptions Defaults = new(Compression: 0);

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.Diagonal;

    public PrunedLayer Prune(LayerPruneRequest request)
    {
        var statistics = request.RequireStatistics(MethodName);
        using var result = Oats.Decompose(request.Weight, statistics.SquaredNorms, statistics.Sequences, ReadOptions(request));
        return result.ToPrunedLayer();
    }

    public static OatsOptions ReadOptions(LayerPruneRequest request)
    {
        var pattern = request.Pattern
            ?? (request.Options.ContainsKey("pattern") ? NmPattern.Parse(request.Option("pattern", "")) : null);
        var compression = pattern is not null ? Defaults.Compression
            : request.Options.ContainsKey("compression") ? request.Option("compression", Defaults.Compression)
            : request.RequireSparsity(MethodName);
        return new OatsOptions(
            compression,
            request.Option("rank_ratio", Defaults.RankRatio),
            request.Option("iterations", Defaults.Iterations),
            pattern,
            ParseSvd(request.Option("svd", "exact")),
            request.Option("seed", (int)Defaults.Seed));
    }

    private static OatsSvd ParseSvd(string text) => text switch
    {
        "exact" => OatsSvd.Exact,
        "randomized" => OatsSvd.Randomized,
        _ => throw new ArgumentException($"OATS option 'svd' must be 'exact' or 'randomized', not '{text}'."),
    };
}
