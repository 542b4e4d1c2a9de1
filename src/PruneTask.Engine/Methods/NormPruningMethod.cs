namespace PruneTask.Engine.Methods;

/// <summary>
/// The structured norm baseline as a recipe method (<c>method: norm</c>): options <c>keep</c> or the request's
/// sparsity, and <c>group_size</c> or <c>groups</c> (see <see cref="StructuredTarget"/>). Needs no calibration.
/// </summary>
public sealed class NormPruningMethod : IPruningMethod
{
    public const string MethodName = "norm";

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.None;

    public PrunedLayer Prune(LayerPruneRequest request)
    {
        var target = StructuredTarget.Read(request, MethodName);
        return NormPruning.Prune(request.Weight, new NormPruningOptions(target.Keep, target.GroupSize));
    }
}
