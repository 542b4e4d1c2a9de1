using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR as a recipe method (<c>method: osscar</c>) on a consumer layer (fc2/down_proj for neurons, out_proj/o_proj
/// for heads): a keep target, groups of the request's <see cref="LayerGeometry.GroupSize"/>, and the options
/// <c>damping</c>, <c>update_iter</c>, <c>local_search</c> and <c>max_iter</c> (see <see cref="OsscarOptions"/>).
/// </summary>
public sealed class OsscarMethod() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.Osscar;

    public override PrunedLayer Prune(LayerPruneRequest request)
    {
        var options = ReadOptions(request);
        var statistics = request.RequireStatistics(MethodName);
        return Osscar.Prune(request.Weight, statistics.RequireGram(MethodName), options);
    }

    public static OsscarOptions ReadOptions(LayerPruneRequest request) =>
        request.Target is PruneTarget.Keep keep
            ? OsscarOptions.From(request.Options, keep.Fraction, request.Geometry.GroupSize)
            : throw request.TargetNotAccepted();
}
