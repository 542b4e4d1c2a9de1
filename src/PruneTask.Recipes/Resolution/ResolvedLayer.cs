using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// What the recipe asks for one layer after defaults, rules, variables and allocation bounds. A skipped layer
/// (a <c>skip: true</c> rule, or no method from defaults or rules) stays dense and has no method, options,
/// target or allocation. <see cref="Options"/> holds every option of the method, defaults included, sorted by
/// key, as long, double, bool or string. <see cref="Sources"/> lists the rules that touched the layer, in order.
/// </summary>
public sealed record ResolvedLayer(
    LayerDescriptor Layer,
    bool Skip,
    string? Method,
    IReadOnlyDictionary<string, object> Options,
    PruneTarget? Target,
    ResolvedAllocation? Allocation,
    IReadOnlyList<string> Sources)
{
    public string Name => Layer.Name;
}
