using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// The allocation group a layer belongs to and how the group shares its target: OWL computes one target per
/// block over the group's layers. <see cref="Group"/> names the rule the group comes from (<c>defaults</c>,
/// <c>layers[2]</c>).
/// </summary>
public sealed record ResolvedAllocation(string Group, AllocationSettings Settings);
