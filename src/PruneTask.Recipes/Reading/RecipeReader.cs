using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>Turns the final recipe tree (bases merged, overrides and variables applied) into a typed <see cref="Recipe"/>.</summary>
internal static class RecipeReader
{
    public static IReadOnlyCollection<string> Keys { get; } =
        ["version", "extends", "variables", "model", "calibration", "defaults", "layers", "allocation", "evaluate", "output", "cache"];

    /// <summary>The keys of <c>defaults</c>: method, target and options, but no match, regex, skip or allocation.</summary>
    public static IReadOnlyCollection<string> DefaultsKeys => MethodSettingsReader.Keys;

    /// <summary>Reads every section, reporting all problems; returns null when there were errors (here or earlier).</summary>
    public static Recipe? Read(MappingNode tree, string recipePath, IReadOnlyList<string> sourceFiles, IReadOnlyDictionary<string, object> variables, DiagnosticBag diagnostics)
    {
        var root = new SectionReader(tree, string.Empty, Keys, new ValueReader(diagnostics), tree.Position);
        var model = ModelSectionReader.Read(root);
        var calibration = CalibrationSectionReader.Read(root);
        var defaults = root.Section("defaults", DefaultsKeys) is { } section ? MethodSettingsReader.Read(section) : null;
        var layers = LayerRuleReader.ReadAll(root);
        var allocation = root.Section("allocation", AllocationReader.Keys) is { } block ? AllocationReader.Read(block) : AllocationSettings.Uniform;
        var evaluation = EvaluationSectionReader.Read(root);
        var output = OutputSectionReader.ReadOutput(root, recipePath);
        var cache = OutputSectionReader.ReadCache(root);
        if (model is null || diagnostics.HasErrors)
        {
            return null;
        }

        return new Recipe(recipePath, sourceFiles, model, calibration, defaults, layers, allocation, evaluation, output, cache, variables);
    }
}
