using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Yaml;

/// <summary>A mapping whose entries keep the order they were written in.</summary>
internal sealed class MappingNode(IReadOnlyList<MappingEntry> entries, SourcePosition position, string baseDirectory)
    : RecipeNode(position, baseDirectory)
{
    public IReadOnlyList<MappingEntry> Entries { get; } = entries;

    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Name == key)
            {
                return entry;
            }
        }

        return null;
    }

    public RecipeNode? this[string key] => Find(key)?.Value;

    public MappingNode WithEntries(IReadOnlyList<MappingEntry> entries) => new(entries, Position, BaseDirectory);

    public override string Describe() => "a mapping";
}
