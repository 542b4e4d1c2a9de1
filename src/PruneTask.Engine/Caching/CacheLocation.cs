using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Caching;

/// <summary>
/// The one place that says which cache folder a command uses, first that applies: the command line's
/// <c>--cache-dir</c> (the MSBuild task always passes one); the recipe's <c>cache.path</c>; <c>$PRUNE_CACHE_DIR</c>;
/// the per-user default: on Windows and macOS <c>&lt;LocalApplicationData&gt;/prunetask</c>, elsewhere (Linux)
/// <c>$XDG_CACHE_HOME/prunetask</c> when XDG_CACHE_HOME is an absolute path, else <c>~/.cache/prunetask</c>.
/// </summary>
public static class CacheLocation
{
    public const string EnvironmentVariable = "PRUNE_CACHE_DIR";

    public const string FolderName = "prunetask";

    /// <summary>The folder for a command given <paramref name="commandLine"/> (<c>--cache-dir</c>, or null) and, when it read one, the recipe's cache section.</summary>
    public static string Resolve(string? commandLine, CacheSettings? recipe = null) =>
        Resolve(commandLine, recipe, Environment.GetEnvironmentVariable, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS());

    internal static string Resolve(string? commandLine, CacheSettings? recipe, Func<string, string?> environment, bool usesLocalApplicationData)
    {
        if (commandLine is { Length: > 0 })
        {
            return Path.GetFullPath(commandLine);
        }

        if (recipe?.Path is { } fromRecipe)
        {
            return fromRecipe.Value;
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } explicitDir)
        {
            return Path.GetFullPath(explicitDir);
        }

        if (usesLocalApplicationData)
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), FolderName);
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, FolderName);
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", FolderName);
    }
}
