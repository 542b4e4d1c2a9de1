using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Methods;

/// <summary>
/// One pruning method as the stage engine sees it: the recipe's declaration of it (<see cref="MethodCatalog"/>: its
/// targets, options and the statistics it reads), an algorithm version for cache keys, and the pruning of one layer.
/// </summary>
/// <param name="name">The method's name as recipes write it; it must be declared in <see cref="MethodCatalog"/>.</param>
/// <param name="algorithmVersion">Bumped whenever the method's output for the same input changes, so cached results are recomputed.</param>
public abstract class PruningMethod(string name, int algorithmVersion)
{
    public MethodDefinition Declaration { get; } =
        MethodCatalog.Find(name) ?? throw new InvalidOperationException($"The method '{name}' is not declared in {nameof(MethodCatalog)}.");

    public string Name => Declaration.Name;

    public int AlgorithmVersion { get; } = algorithmVersion;

    /// <summary>The calibration statistics the method reads, as its declaration says.</summary>
    public StatisticsNeed Needs => Declaration.Statistics;

    /// <summary>
    /// Prunes one layer. The request's weight is left unchanged; the caller owns the returned layer. A target of a kind
    /// the method's declaration does not list is an <see cref="ArgumentException"/>.
    /// </summary>
    public abstract PrunedLayer Prune(LayerPruneRequest request);
}
