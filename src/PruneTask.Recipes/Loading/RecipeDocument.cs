using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>One parsed recipe file: its absolute path, the path diagnostics show, its tree and its <c>extends</c> value.</summary>
internal sealed record RecipeDocument(string FullPath, string DisplayPath, MappingNode Root, Located<string>? Extends);
