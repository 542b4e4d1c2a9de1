using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>Checks beyond one layer's own settings: rules that select nothing, missing calibration, an output format with nothing to do.</summary>
internal static class RecipeChecks
{
    public static void Run(Recipe recipe, IReadOnlyList<ResolvedLayer> layers, IReadOnlySet<int> matchedRules, bool strict, DiagnosticBag diagnostics)
    {
        foreach (var rule in recipe.Layers.Where(r => !matchedRules.Contains(r.Index)))
        {
            var severity = strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            diagnostics.Add(DiagnosticCodes.RuleMatchesNoLayer, severity, rule.Matcher.Position, $"{rule.Label} ({rule.Matcher}) matches no prunable layer of the model.");
        }

        CheckOutputFormat(recipe, layers, diagnostics);
    }

    /// <summary>Per layer, so the error points at the method (or OWL) that needs calibration data.</summary>
    public static void CheckCalibration(Recipe recipe, LayerSettings settings, ResolvedLayer layer, LayerDiagnostics diagnostics)
    {
        if (recipe.Calibration is not null || layer.Method is not { } method)
        {
            return;
        }

        var owl = layer.Allocation?.Settings.Strategy == AllocationStrategy.Owl;
        if (MethodCatalog.Find(method)!.NeedsCalibration || owl)
        {
            var what = owl ? $"{method} with OWL allocation" : method;
            diagnostics.Error(DiagnosticCodes.CalibrationRequired, settings.Method!.Position, $"{what} needs calibration data; add a calibration: section with a dataset.", layer.Name);
        }
    }

    private static void CheckOutputFormat(Recipe recipe, IReadOnlyList<ResolvedLayer> layers, DiagnosticBag diagnostics)
    {
        var format = recipe.Output.Format;
        var unused = format.Value switch
        {
            OutputFormat.Factored => !layers.Any(l => l.Method == MethodNames.Oats) ? "no layer uses oats" : null,
            OutputFormat.Shrunk => !layers.Any(l => l.Method is { } m && MethodCatalog.Find(m)!.IsStructured) ? $"no layer uses a structured method ({string.Join(", ", MethodCatalog.Methods.Where(m => m.IsStructured).Select(m => m.Name))})" : null,
            _ => null,
        };

        if (unused is not null)
        {
            diagnostics.Warning(DiagnosticCodes.OutputFormatUnused, format.Position, $"output.format {format.Value.ToString().ToLowerInvariant()} changes nothing: {unused}, so every layer is written dense.");
        }
    }
}
