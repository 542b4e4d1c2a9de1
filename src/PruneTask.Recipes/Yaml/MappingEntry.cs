namespace PruneTask.Recipes.Yaml;

/// <summary>One key of a mapping with its value; the key keeps its own position for "unknown key" errors.</summary>
internal sealed record MappingEntry(ScalarNode Key, RecipeNode Value)
{
    public string Name => Key.Text;
}
