using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>Replaces or adds one value at a dotted path of a tree, creating missing mappings on the way.</summary>
internal sealed class TreeEditor(SourcePosition origin, DiagnosticBag diagnostics)
{
    /// <summary>The edited tree, or null (reported) when the path runs through a scalar or past the end of a list.</summary>
    public MappingNode? Set(MappingNode tree, IReadOnlyList<string> path, RecipeNode value) =>
        Set(tree, path, 0, value) as MappingNode;

    private RecipeNode? Set(RecipeNode node, IReadOnlyList<string> path, int depth, RecipeNode value)
    {
        switch (node)
        {
            case MappingNode mapping:
                return SetInMapping(mapping, path, depth, value);
            case SequenceNode list when int.TryParse(path[depth], out var index) && index < list.Items.Count:
                var item = depth == path.Count - 1 ? value : Set(list.Items[index], path, depth + 1, value);
                return item is null ? null : list.WithItems([.. list.Items.Take(index), item, .. list.Items.Skip(index + 1)]);
            case SequenceNode list:
                return Fail($"{Prefix(path, depth)} has {list.Items.Count} entries; '{path[depth]}' is not an index into it.");
            default:
                return Fail($"{Prefix(path, depth)} is {node.Describe()}, so it has no '{path[depth]}'.");
        }
    }

    private MappingNode? SetInMapping(MappingNode mapping, IReadOnlyList<string> path, int depth, RecipeNode value)
    {
        var key = path[depth];
        var existing = mapping.Find(key);
        RecipeNode? child;
        if (depth == path.Count - 1)
        {
            child = value;
        }
        else if (existing is null && int.TryParse(path[depth + 1], out _))
        {
            return Fail($"{Prefix(path, depth + 1)} does not exist, so it has no entry {path[depth + 1]}.");
        }
        else
        {
            child = Set(existing?.Value ?? new MappingNode([], origin, Environment.CurrentDirectory), path, depth + 1, value);
        }

        if (child is null)
        {
            return null;
        }

        var entry = new MappingEntry(existing?.Key ?? new ScalarNode(key, ScalarKind.String, origin, Environment.CurrentDirectory), child);
        var entries = mapping.Entries.ToList();
        var at = entries.FindIndex(e => e.Name == key);
        if (at >= 0)
        {
            entries[at] = entry;
        }
        else
        {
            entries.Add(entry);
        }

        return mapping.WithEntries(entries);
    }

    private static string Prefix(IReadOnlyList<string> path, int depth) => depth == 0 ? "the recipe" : string.Join('.', path.Take(depth));

    private MappingNode? Fail(string message)
    {
        diagnostics.Error(DiagnosticCodes.OverridePathUnusable, origin, message);
        return null;
    }
}
