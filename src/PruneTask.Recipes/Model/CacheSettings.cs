namespace PruneTask.Recipes.Model;

/// <summary>The <c>cache</c> section; <see cref="Path"/> is absolute (default: a per-user cache folder).</summary>
public sealed record CacheSettings(Located<string> Path);
