namespace PruneTask.Recipes.Model;

/// <summary>The <c>cache</c> section; <see cref="Path"/> is absolute (default: a per-user cache folder).</summary>
public sealed record CacheSettings(Located<string> Path)
{
    /// <summary>
    /// The folder of the recipe file that wrote <see cref="Path"/> as a relative path, which it was resolved against;
    /// null when the path was absolute, the default, or came from the command line.
    /// </summary>
    public string? RelativeTo { get; init; }
}
