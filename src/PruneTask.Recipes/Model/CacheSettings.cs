namespace PruneTask.Recipes.Model;

/// <summary>The <c>cache</c> section; <see cref="Path"/> is absolute, or null when the recipe does not say (the engine's cache resolver then decides).</summary>
public sealed record CacheSettings(Located<string>? Path);
