using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The structured norm baseline as a recipe method (<c>method: norm</c>): a keep target, groups of the request's
/// <see cref="LayerGeometry.GroupSize"/> (single neurons from a recipe). Needs no calibration.
/// </summary>
public sealed class NormPruningMethod() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.Norm;

    public override PrunedLayer Prune(LayerPruneRequest request) =>
        request.Target is PruneTarget.Keep keep
            ? NormPruning.Prune(request.Weight, new NormPruningOptions(keep.Fraction, request.Geometry.GroupSize))
            : throw request.TargetNotAccepted();
}
