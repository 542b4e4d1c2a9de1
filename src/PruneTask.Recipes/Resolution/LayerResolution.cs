using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>Turns the settings a layer gathered into a <see cref="ResolvedLayer"/>, checking them against its method and shape.</summary>
internal static class LayerResolution
{
    public static ResolvedLayer Build(LayerDescriptor layer, LayerSettings settings, AllocationSettings topAllocation, LayerDiagnostics diagnostics)
    {
        if (settings.Skip || (!settings.HasMethodFields && settings.GroupAllocation is null))
        {
            return Dense(layer, settings);
        }

        if (settings.Method is null)
        {
            var position = settings.Target?.Position ?? settings.Options.Values.FirstOrDefault()?.Position ?? settings.GroupAllocation!.Position;
            diagnostics.Error(DiagnosticCodes.MissingMethodOrTarget, position, "No method for this layer: write method: in defaults or in a rule that matches it.", layer.Name);
            return Dense(layer, settings);
        }

        var method = MethodCatalog.Find(settings.Method.Value)!;
        if (settings.Target is not { } target)
        {
            diagnostics.Error(DiagnosticCodes.MissingMethodOrTarget, settings.Method.Position, $"{method.Name} needs a {method.DescribeTargets()} target; neither defaults nor a matching rule sets one.", layer.Name);
            return Dense(layer, settings);
        }

        if (!method.Accepts(target.Value.Kind))
        {
            diagnostics.Error(DiagnosticCodes.TargetNotForMethod, target.Position, $"{method.Name} (method at line {settings.Method.Position.Line}) takes a {method.DescribeTargets()} target, not {target.Value.Key}.", layer.Name);
            return Dense(layer, settings);
        }

        var options = CanonicalOptions(layer, method, settings, diagnostics);
        ShapeChecks.Check(layer, method, settings, options, diagnostics);
        return new ResolvedLayer(layer, false, method.Name, options.AsReadOnly(), target.Value, Allocation(settings, target.Value, topAllocation, diagnostics, layer), settings.Sources);
    }

    private static SortedDictionary<string, object> CanonicalOptions(LayerDescriptor layer, MethodDefinition method, LayerSettings settings, LayerDiagnostics diagnostics)
    {
        foreach (var (name, value) in settings.Options.Where(o => method.FindOption(o.Key) is null))
        {
            diagnostics.Error(DiagnosticCodes.OptionNotForMethod, value.Position, $"'{name}' is not an option of {method.Name} (method at line {settings.Method!.Position.Line}); it belongs to {MethodCatalog.OwnersOf(name)}.", layer.Name);
        }

        var options = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var option in method.Options)
        {
            options[option.Name] = settings.Options.TryGetValue(option.Name, out var written) ? written.Value : option.Default;
        }

        if (method.IsStructured)
        {
            StructuredGroups.Resolve(layer, method, settings, options, diagnostics);
        }

        return options;
    }

    private static ResolvedAllocation Allocation(LayerSettings settings, PruneTarget target, AllocationSettings topAllocation, LayerDiagnostics diagnostics, LayerDescriptor layer)
    {
        if (settings.GroupAllocation is { Value.Strategy: AllocationStrategy.Owl } owl && !target.IsFraction)
        {
            diagnostics.Error(DiagnosticCodes.AllocationNeedsFraction, owl.Position, $"OWL varies a sparsity or compression per block; this layer's target is {target}.", layer.Name);
        }

        var allocation = settings.GroupAllocation?.Value ?? (target.IsFraction ? topAllocation : AllocationSettings.Uniform);
        return new ResolvedAllocation(settings.Group ?? LayerSettings.DefaultsLabel, allocation);
    }

    private static ResolvedLayer Dense(LayerDescriptor layer, LayerSettings settings) =>
        new(layer, true, null, new Dictionary<string, object>(), null, null, settings.Sources);
}
