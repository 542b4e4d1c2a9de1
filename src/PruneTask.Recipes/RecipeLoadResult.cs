using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes;

/// <summary>
/// What loading a recipe gave: the recipe (null when any error was found) and every diagnostic, errors and
/// warnings, in the order found.
/// </summary>
public sealed record RecipeLoadResult(Recipe? Recipe, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Recipe is null;

    /// <summary>True when the recipe file itself could not be read (an I/O problem rather than a mistake in it).</summary>
    public bool IsUnreadable => Diagnostics.Any(d => d.Code == DiagnosticCodes.RecipeUnreadable);
}
