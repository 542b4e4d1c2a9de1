using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>The resolved layers, in the order the model listed them, and what resolving found.</summary>
public sealed record ResolutionResult(IReadOnlyList<ResolvedLayer> Layers, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The allocation group a layer belongs to and how the group shares its target: OWL computes one target per
/// block over the group's layers. <see cref="Group"/> names the rule the group comes from (<c>defaults</c>,
/// <c>layers[2]</c>).
/// </summary>
public sealed record ResolvedAllocation(string Group, AllocationSettings Settings);
