namespace PruneTask.Recipes.Reading;

/// <summary>Where outputs go when a recipe does not say (the cache folder's default is PruneTask.Engine's CacheLocation).</summary>
internal static class DefaultPaths
{
    private static readonly string[] _recipeSuffixes = [".prune.yaml", ".prune.yml", ".yaml", ".yml"];

    /// <summary>out/&lt;recipe name without .prune.yaml&gt; beside the recipe.</summary>
    public static string OutputDirectory(string recipePath)
    {
        var name = Path.GetFileName(recipePath);
        var suffix = _recipeSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase) && name.Length > s.Length);
        var stem = suffix is null ? name : name[..^suffix.Length];
        return Path.Combine(Path.GetDirectoryName(recipePath) ?? ".", "out", stem);
    }
}
