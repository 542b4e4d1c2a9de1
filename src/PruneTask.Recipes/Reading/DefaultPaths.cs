namespace PruneTask.Recipes.Reading;

/// <summary>Where outputs and the cache go when a recipe does not say.</summary>
internal static class DefaultPaths
{
    private static readonly string[] _recipeSuffixes = [".prune.yaml", ".prune.yml", ".yaml", ".yml"];

    /// <summary>$XDG_CACHE_HOME/prunetask or ~/.cache/prunetask on Linux; LocalApplicationData/prunetask elsewhere.</summary>
    public static string CacheDirectory()
    {
        if (OperatingSystem.IsLinux())
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrEmpty(xdg) || !Path.IsPathRooted(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "prunetask");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "prunetask");
    }

    /// <summary>out/&lt;recipe name without .prune.yaml&gt; beside the recipe.</summary>
    public static string OutputDirectory(string recipePath)
    {
        var name = Path.GetFileName(recipePath);
        var suffix = _recipeSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase) && name.Length > s.Length);
        var stem = suffix is null ? name : name[..^suffix.Length];
        return Path.Combine(Path.GetDirectoryName(recipePath) ?? ".", "out", stem);
    }
}
