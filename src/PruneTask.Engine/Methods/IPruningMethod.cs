namespace PruneTask.Engine.Methods;

/// <summary>
/// One pruning method as the stage engine sees it: a name and algorithm version for cache keys, the calibration
/// statistics it reads, and the pruning of one linear layer.
/// </summary>
public interface IPruningMethod
{
    /// <summary>The method's name as recipes write it (for example <c>wanda</c>).</summary>
    string Name { get; }

    /// <summary>Bumped whenever the method's output for the same input changes, so cached results are recomputed.</summary>
    int AlgorithmVersion { get; }

    StatisticsNeed Needs { get; }

    /// <summary>
    /// Prunes one layer. The request's weight is left unchanged; the caller owns the returned layer. A target of a kind
    /// the method's declaration (<see cref="Recipes.Methods.MethodCatalog"/>) does not list is an <see cref="ArgumentException"/>.
    /// </summary>
    PrunedLayer Prune(LayerPruneRequest request);
}
