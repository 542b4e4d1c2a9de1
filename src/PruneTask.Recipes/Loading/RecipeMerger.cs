using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>
/// Folds an extends chain into one tree: a recipe overrides its base key by key, mappings merge deeply, and
/// the base's <c>layers</c> rules come first so the recipe's own rules (applied later) win.
/// </summary>
internal static class RecipeMerger
{
    private const string LayersKey = "layers";

    public static MappingNode Merge(IReadOnlyList<RecipeDocument> chain)
    {
        var merged = chain[^1].Root;
        for (var i = chain.Count - 2; i >= 0; i--)
        {
            merged = Merge(merged, chain[i].Root, topLevel: true);
        }

        return merged;
    }

    private static MappingNode Merge(MappingNode baseNode, MappingNode child, bool topLevel)
    {
        var entries = new List<MappingEntry>();
        foreach (var inherited in baseNode.Entries)
        {
            var own = child.Find(inherited.Name);
            entries.Add((inherited.Value, own?.Value) switch
            {
                (_, null) => inherited,
                (SequenceNode rules, SequenceNode more) when topLevel && inherited.Name == LayersKey =>
                    own with { Value = more.WithItems([.. rules.Items, .. more.Items]) },
                (MappingNode mapping, MappingNode overriding) => own with { Value = Merge(mapping, overriding, topLevel: false) },
                _ => own,
            });
        }

        entries.AddRange(child.Entries.Where(e => baseNode.Find(e.Name) is null));
        return child.WithEntries(entries);
    }
}
