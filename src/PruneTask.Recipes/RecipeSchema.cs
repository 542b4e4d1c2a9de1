using PruneTask.Recipes.Schema;

namespace PruneTask.Recipes;

/// <summary>
/// prune.schema.json (JSON Schema draft-07), generated from the method declarations (<see cref="RecipeSchemaGenerator"/>)
/// so tools can write it next to recipes for editors. The repository's copy, which editors and the packages use, is
/// the same text (a test checks it; <c>./build.sh schema</c> rewrites it); the loader enforces the same rules, which
/// the recipe corpus tests check.
/// </summary>
public static class RecipeSchema
{
    public const string FileName = "prune.schema.json";

    public static string Text { get; } = RecipeSchemaGenerator.Generate();
}
