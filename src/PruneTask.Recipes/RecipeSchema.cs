namespace PruneTask.Recipes;

/// <summary>
/// prune.schema.json (JSON Schema draft-07), embedded in this assembly so tools can write it next to recipes
/// for editors; the loader enforces the same rules, which the recipe corpus tests check.
/// </summary>
public static class RecipeSchema
{
    public const string FileName = "prune.schema.json";

    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(RecipeSchema).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {typeof(RecipeSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
