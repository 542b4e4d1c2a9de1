using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// OWL spreads one target over a group's blocks, so every layer of a group must share it. A group can only mix
/// targets when a rule sets an allocation but inherits its layers' targets from different places.
/// </summary>
internal sealed class OwlGroups
{
    private readonly Dictionary<string, PruneTarget> _targets = new(StringComparer.Ordinal);

    public void Add(LayerSettings settings, ResolvedLayer layer, LayerDiagnostics diagnostics)
    {
        if (settings.GroupAllocation is not { Value.Strategy: AllocationStrategy.Owl } owl || layer.Target is not { } target || layer.Allocation is not { } allocation)
        {
            return;
        }

        if (!_targets.TryAdd(allocation.Group, target) && _targets[allocation.Group] != target)
        {
            diagnostics.Error(
                DiagnosticCodes.AllocationGroupMixedTargets,
                owl.Position,
                $"The OWL group of {allocation.Group} mixes targets {_targets[allocation.Group]} and {target}; set one target in {allocation.Group}.",
                layer.Name);
        }
    }
}
