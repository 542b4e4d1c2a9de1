namespace PruneTask.Engine.Caching;

/// <summary>
/// The default cache folder, shared by the recipe loader and the CLI: <c>$PRUNE_CACHE_DIR</c> when set; otherwise on
/// Windows and macOS <c>&lt;LocalApplicationData&gt;/prunetask</c>; elsewhere (Linux) <c>$XDG_CACHE_HOME/prunetask</c> when
/// XDG_CACHE_HOME is an absolute path, else <c>~/.cache/prunetask</c>.
/// </summary>
public static class CacheLocation
{
    public const string EnvironmentVariable = "PRUNE_CACHE_DIR";

    public const string FolderName = "prunetask";

    public static string Default => Resolve(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS());

    internal static string Resolve(Func<string, string?> environment, bool usesLocalApplicationData)
    {
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
