using PruneTask.Engine.Models;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Planning;

/// <summary>Describes a model's prunable linears in the recipe resolver's architecture-neutral terms.</summary>
public static class LayerDescriptors
{
    public static IReadOnlyList<LayerDescriptor> From(IReadOnlyList<LinearSpec> linears) =>
        linears.Select(l => new LayerDescriptor(l.Name, l.Block, l.OutFeatures, l.InFeatures, RoleOf(l.Role))).ToArray();

    public static string RoleOf(LinearRole role) => role switch
    {
        LinearRole.Query => LayerRoles.AttentionQuery,
        LinearRole.Key => LayerRoles.AttentionKey,
        LinearRole.Value => LayerRoles.AttentionValue,
        LinearRole.Query | LinearRole.Key | LinearRole.Value => LayerRoles.AttentionQkv,
        LinearRole.Output => LayerRoles.AttentionOutput,
        LinearRole.Gate => LayerRoles.MlpGate,
        LinearRole.Up => LayerRoles.MlpUp,
        LinearRole.Gate | LinearRole.Up => LayerRoles.MlpGateUp,
        LinearRole.Down => LayerRoles.MlpDown,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A prunable linear has no recipe role for this combination."),
    };
}
