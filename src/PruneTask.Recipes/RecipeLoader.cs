using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Loading;
using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes;

/// <summary>
/// Loads a recipe: parses it and its bases (<c>extends</c>), merges them, applies command-line overrides,
/// substitutes variables, then checks and types every section, reporting all problems at once.
/// </summary>
public static class RecipeLoader
{
    /// <param name="path">The recipe file, as diagnostics should show it (relative paths resolve against the current folder).</param>
    /// <param name="overrides">Command-line <c>--set</c> and <c>--var</c> values; none when null.</param>
    public static RecipeLoadResult Load(string path, RecipeOverrides? overrides = null)
    {
        var diagnostics = new DiagnosticBag();
        var chain = ExtendsChain.Load(path, diagnostics);
        if (chain is null)
        {
            return new RecipeLoadResult(null, Sorted(diagnostics));
        }

        var tree = OverrideApplier.Apply(RecipeMerger.Merge(chain), overrides ?? RecipeOverrides.None, diagnostics);
        var (substituted, variables) = VariableSubstituter.Substitute(tree, diagnostics);
        var sourceFiles = chain.Select(d => d.FullPath).ToList();
        var recipe = RecipeReader.Read(substituted, chain[0].FullPath, sourceFiles, variables, diagnostics) is { } read
            ? read with { Overrides = overrides ?? RecipeOverrides.None }
            : null;
        return new RecipeLoadResult(recipe, Sorted(diagnostics));
    }

    /// <summary>File by file, top to bottom, so messages read in the order of the text.</summary>
    private static List<Diagnostic> Sorted(DiagnosticBag diagnostics) =>
        [.. diagnostics.Items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)];
}
