using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// Resolves what a recipe asks for each prunable layer of a model: <c>defaults</c> first, then every matching
/// rule in order, field by field. Needs only the model's tensor list, never its weights.
/// </summary>
public static class RecipeResolver
{
    /// <param name="recipe">A recipe that loaded without errors.</param>
    /// <param name="layers">The model's prunable layers, in model order.</param>
    /// <param name="strict">Makes a rule that matches no layer an error instead of a warning.</param>
    public static ResolutionResult Resolve(Recipe recipe, IReadOnlyList<LayerDescriptor> layers, bool strict)
    {
        var layerDiagnostics = new LayerDiagnostics();
        var owlGroups = new OwlGroups();
        var matchedRules = new HashSet<int>();
        var resolved = new List<ResolvedLayer>();
        foreach (var layer in layers)
        {
            var settings = new LayerSettings();
            if (recipe.Defaults is { } defaults)
            {
                settings.Apply(defaults, LayerSettings.DefaultsLabel);
            }

            foreach (var rule in recipe.Layers.Where(r => r.Matcher.IsMatch(layer.Name)))
            {
                matchedRules.Add(rule.Index);
                settings.Apply(rule);
            }

            var result = LayerResolution.Build(layer, settings, recipe.Allocation, layerDiagnostics);
            owlGroups.Add(settings, result, layerDiagnostics);
            RecipeChecks.CheckCalibration(recipe, settings, result, layerDiagnostics);
            resolved.Add(result);
        }

        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(layerDiagnostics.ToDiagnostics());
        RecipeChecks.Run(recipe, resolved, matchedRules, strict, diagnostics);
        var sorted = diagnostics.Items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new ResolutionResult(resolved, sorted);
    }
}
