namespace PruneTask.Recipes.Model;

/// <summary>The <c>cache</c> section; <see cref="Path"/> is absolute, or null when the recipe does not say (the engine's cache resolver then decides).</summary>
public sealed record CacheSettings(Located<string>? Path)
{
    /// <summary>
    /// The folder of the recipe file that wrote <see cref="Path"/> as a relative path, which it was resolved against;
    /// null when the path was absolute, absent, or came from the command line.
    /// </summary>
    public string? RelativeTo { get; init; }
}
