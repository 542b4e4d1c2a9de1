using System;
using System.IO;

namespace PruneTask.Recipes.Reading;

/// <summary>
/// A recipe's name and where its output goes when the recipe does not say. Also compiled into PruneTask.MSBuild
/// (netstandard2.0, so plain string calls), which names its output folders the same way. The cache folder's default
/// is PruneTask.Engine's CacheLocation.
/// </summary>
internal static class DefaultPaths
{
    private static readonly string[] _recipeSuffixes = [".prune.yaml", ".prune.yml", ".yaml", ".yml"];

    /// <summary>The file name without .prune.yaml (or .prune.yml, .yaml, .yml): <c>models/llama.prune.yaml</c> → <c>llama</c>.</summary>
    public static string RecipeName(string recipePath)
    {
        var name = Path.GetFileName(recipePath);
        foreach (var suffix in _recipeSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return name;
    }

    /// <summary>out/&lt;recipe name&gt; beside the recipe.</summary>
    public static string OutputDirectory(string recipePath) =>
        Path.Combine(Path.GetDirectoryName(recipePath) ?? ".", "out", RecipeName(recipePath));
}
