namespace PruneTask.Recipes.Model;

/// <summary>
/// A loaded and checked recipe: bases merged, overrides and variables applied, defaults filled in and every
/// path absolute. <see cref="SourceFiles"/> lists the recipe and each base it extends (absolute paths), which
/// build tools track as inputs.
/// </summary>
public sealed record Recipe(
    string Path,
    IReadOnlyList<string> SourceFiles,
    ModelSettings Model,
    CalibrationSettings? Calibration,
    MethodSettings? Defaults,
    IReadOnlyList<LayerRule> Layers,
    AllocationSettings Allocation,
    EvaluationSettings? Evaluation,
    OutputSettings Output,
    CacheSettings Cache,
    IReadOnlyDictionary<string, object> Variables)
{
    /// <summary>The command-line <c>--set</c> and <c>--var</c> values applied to the files; part of what the recipe is.</summary>
    public RecipeOverrides Overrides { get; init; } = RecipeOverrides.None;
}
