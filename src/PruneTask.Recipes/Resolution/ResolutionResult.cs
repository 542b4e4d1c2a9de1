using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Recipes.Resolution;

/// <summary>The resolved layers, in the order the model listed them, and what resolving found.</summary>
public sealed record ResolutionResult(IReadOnlyList<ResolvedLayer> Layers, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
