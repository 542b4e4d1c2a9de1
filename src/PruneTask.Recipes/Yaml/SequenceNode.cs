using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Yaml;

/// <summary>A YAML sequence (a list).</summary>
internal sealed class SequenceNode(IReadOnlyList<RecipeNode> items, SourcePosition position, string baseDirectory)
    : RecipeNode(position, baseDirectory)
{
    public IReadOnlyList<RecipeNode> Items { get; } = items;

    public SequenceNode WithItems(IReadOnlyList<RecipeNode> items) => new(items, Position, BaseDirectory);

    public override string Describe() => "a list";
}
