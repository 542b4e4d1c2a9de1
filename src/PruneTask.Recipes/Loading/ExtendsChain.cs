using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Loading;

/// <summary>Loads a recipe and the chain of bases it extends (root first), refusing cycles and missing files.</summary>
internal static class ExtendsChain
{
    private static readonly StringComparer _pathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    public static IReadOnlyList<RecipeDocument>? Load(string path, DiagnosticBag diagnostics)
    {
        var fullPath = Path.GetFullPath(path);
        if (RecipeFileReader.ReadText(fullPath, new SourcePosition(path, 0, 0), DiagnosticCodes.RecipeUnreadable, "the recipe", diagnostics) is not { } text)
        {
            return null;
        }

        var document = RecipeFileReader.Parse(text, fullPath, path, diagnostics);
        var chain = new List<RecipeDocument>();
        while (document is not null)
        {
            chain.Add(document);
            if (document.Extends is not { } extends)
            {
                return chain;
            }

            if (chain.Count == RecipeLimits.MaxExtendsChain)
            {
                diagnostics.Error(DiagnosticCodes.RecipeTooLarge, extends.Position, $"extends chains more than {RecipeLimits.MaxExtendsChain} recipes; that is the limit.");
                return null;
            }

            document = LoadBase(chain, extends, Path.IsPathRooted(path), diagnostics);
        }

        return null;
    }

    private static RecipeDocument? LoadBase(List<RecipeDocument> chain, Located<string> extends, bool absoluteDisplay, DiagnosticBag diagnostics)
    {
        var fullPath = Path.GetFullPath(extends.Value, Path.GetDirectoryName(chain[^1].FullPath)!);
        if (chain.Any(d => _pathComparer.Equals(d.FullPath, fullPath)))
        {
            var cycle = string.Join(" -> ", chain.SkipWhile(d => !_pathComparer.Equals(d.FullPath, fullPath)).Select(d => Path.GetFileName(d.FullPath)));
            diagnostics.Error(DiagnosticCodes.ExtendsCycle, extends.Position, $"extends makes a cycle: {cycle} -> {Path.GetFileName(fullPath)}.");
            return null;
        }

        if (RecipeFileReader.ReadText(fullPath, extends.Position, DiagnosticCodes.BaseRecipeNotFound, $"the base recipe {fullPath}", diagnostics) is not { } text)
        {
            return null;
        }

        var display = absoluteDisplay ? fullPath : Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return RecipeFileReader.Parse(text, fullPath, display, diagnostics);
    }
}
