using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS as a recipe method (<c>method: oats</c>): a compression or a pattern (N:M kept in the sparse part) and the options
/// <c>rank_ratio</c>, <c>iterations</c> and <c>svd</c> (see <see cref="OatsOptions"/>). A fused weight is decomposed part
/// by part, with a shared D, by the request's <see cref="LayerGeometry.PartRows"/>. The result carries the factors:
/// Weight = LowRankU·LowRankV + Sparse.
/// </summary>
public sealed class OatsMethod() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.Oats;

    public override PrunedLayer Prune(LayerPruneRequest request)
    {
        var options = ReadOptions(request);
        var statistics = request.RequireStatistics(MethodName);
        using var result = Oats.Decompose(request.Weight, statistics.SquaredNorms, statistics.Sequences, options, request.Geometry.PartRows);
        return result.ToPrunedLayer();
    }

    public static OatsOptions ReadOptions(LayerPruneRequest request) => request.Target switch
    {
        PruneTarget.Compression compression => OatsOptions.From(request.Options, compression.Fraction),
        PruneTarget.Pattern pattern => OatsOptions.From(request.Options, 0, pattern.Ratio),
        _ => throw request.TargetNotAccepted(),
    };
}
