using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// Structured methods remove input groups of a consumer layer: MLP neurons at a down projection, attention heads
/// at an output projection. This resolves <c>groups: auto</c> and <c>update_iter: auto</c> from the layer's role.
/// </summary>
public static class StructuredGroups
{
    public const string Neurons = "neurons";
    public const string Heads = "heads";

    /// <summary>OSSCAR's <c>update_iter: auto</c> (the reference's): 10 for neurons, 2 for heads.</summary>
    public static long AutoUpdateIter(string groups) => groups == Neurons ? 10 : 2;

    internal static void Resolve(LayerDescriptor layer, MethodDefinition method, LayerSettings settings, IDictionary<string, object> options, LayerDiagnostics diagnostics)
    {
        var natural = layer.Role switch
        {
            LayerRoles.MlpDown => Neurons,
            LayerRoles.AttentionOutput => Heads,
            _ => null,
        };

        if (method.Name == MethodNames.Norm)
        {
            if (natural != Neurons)
            {
                diagnostics.Error(DiagnosticCodes.MethodNotForLayer, settings.Method!.Position, $"norm drops MLP neurons, so it applies only to MLP down projections (down_proj, fc2); this layer's role is {layer.Role}.", layer.Name);
            }

            return;
        }

        var written = (string)options[OptionNames.Groups];
        var groups = written == OptionDefinition.Auto ? natural : written;
        if (groups is null || groups != natural)
        {
            var position = settings.Options.TryGetValue(OptionNames.Groups, out var option) ? option.Position : settings.Method!.Position;
            var need = groups == Heads ? "an attention output projection (o_proj, out_proj)" : groups == Neurons ? "an MLP down projection (down_proj, fc2)" : "an MLP down projection (neurons) or an attention output projection (heads)";
            diagnostics.Error(DiagnosticCodes.MethodNotForLayer, position, $"osscar{(groups is null ? string.Empty : $" with groups: {groups}")} needs {need}; this layer's role is {layer.Role}.", layer.Name);
            return;
        }

        options[OptionNames.Groups] = groups;
        if (options[OptionNames.UpdateIter] is OptionDefinition.Auto)
        {
            options[OptionNames.UpdateIter] = AutoUpdateIter(groups);
        }
    }
}
