using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The structured norm baseline as a recipe method (<c>method: norm</c>): a keep target, groups of the request's
/// <see cref="LayerGeometry.GroupSize"/> (single neurons from a recipe). Needs no calibration.
/// </summary>
public sealed class NormPruningMethod : IPruningMethod
{
    public const string MethodName = MethodNames.Norm;

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.None;

    public PrunedLayer Prune(LayerPruneRequest request) =>
        request.Target is PruneTarget.Keep keep
            ? NormPruning.Prune(request.Weight, new NormPruningOptions(keep.Fraction, request.Geometry.GroupSize))
            : throw request.TargetNotAccepted();
}
