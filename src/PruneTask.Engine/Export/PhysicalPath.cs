namespace PruneTask.Engine.Export;

/// <summary>
/// Absolute paths as the file system sees them, for telling whether two paths name the same folder or one lies inside
/// the other: <c>.</c>, <c>..</c> and trailing separators removed, every symbolic link in the part that exists
/// resolved. Compared ignoring case everywhere (case-insensitive file systems exist on every OS), which can only make
/// a check refuse more.
/// </summary>
public static class PhysicalPath
{
    private const int MaxLinks = 40;

    /// <summary>The full path with <c>.</c>, <c>..</c> and any trailing separator removed (a root keeps its own).</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>The normalized path with every existing symbolic link along it replaced by what it points to.</summary>
    public static string Resolve(string path)
    {
        var full = Normalize(path);
        var root = Path.GetPathRoot(full)!;
        var resolved = root;
        var links = 0;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Path.Combine(resolved, part);
            FileSystemInfo info = new FileInfo(resolved);
            if (info.LinkTarget is null)
            {
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many symbolic links in {path}.");
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            resolved = target is null ? resolved : Resolve(target.FullName);
        }

        return Normalize(resolved);
    }

    public static bool AreSame(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies somewhere under it (both resolved).</summary>
    public static bool IsSameOrInside(string inner, string outer)
    {
        if (AreSame(inner, outer))
        {
            return true;
        }

        var prefix = Path.EndsInDirectorySeparator(outer) ? outer : outer + Path.DirectorySeparatorChar;
        return inner.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
