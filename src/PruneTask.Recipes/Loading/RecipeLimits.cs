namespace PruneTask.Recipes.Loading;

/// <summary>
/// Bounds on what a recipe may make the loader do, so a hostile or broken file (an alias bomb, a huge file) is
/// refused at once with PRN006 instead of taking minutes and gigabytes. Real recipes stay far below every bound.
/// </summary>
public static class RecipeLimits
{
    /// <summary>The largest recipe file (and base recipe named by <c>extends</c>) read, in bytes: 1 MiB.</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>The most YAML nodes one file may hold, counting every alias as a full copy of what it names.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The deepest nesting of mappings and lists in one file.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest chain of recipes joined by <c>extends</c>, the recipe itself included.</summary>
    public const int MaxExtendsChain = 16;

    /// <summary>The most characters variable references may splice into the recipe's text, all together.</summary>
    public const int MaxSplicedCharacters = 1 << 20;
}
