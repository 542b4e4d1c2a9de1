using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads the <c>layers</c> list: each rule selects layers by glob or regex and skips them or sets method fields.</summary>
internal static class LayerRuleReader
{
    private const string Match = "match";
    private const string Regex = "regex";
    public const string Skip = "skip";
    public const string Allocation = "allocation";

    public static IReadOnlyList<string> Keys { get; } = [Match, Regex, Skip, Allocation, .. MethodSettingsReader.Keys];

    public static IReadOnlyList<LayerRule> ReadAll(SectionReader root)
    {
        var rules = new List<LayerRule>();
        var items = root.Sequence("layers")?.Items ?? [];
        for (var index = 0; index < items.Count; index++)
        {
            if (items[index] is not MappingNode mapping)
            {
                root.Values.WrongType(items[index], $"layers[{index}]", "a mapping (a rule)");
                continue;
            }

            var section = new SectionReader(mapping, $"layers[{index}]", Keys, root.Values, mapping.Position);
            if (Read(section, index) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static LayerRule? Read(SectionReader section, int index)
    {
        var matcher = ReadMatcher(section);
        var skip = section.Boolean(Skip);
        var settings = MethodSettingsReader.Read(section);
        var allocation = section.Section(Allocation, AllocationReader.Keys) is { } block
            ? new Located<AllocationSettings>(AllocationReader.Read(block), block.Position)
            : null;

        if (skip?.Value == true && section.Node.Entries.Any(e => e.Name == Allocation || MethodSettingsReader.Keys.Contains(e.Name)))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.SkipWithSettings,
                section.KeyPosition(Skip),
                $"{section.Path} has skip: true, which leaves its layers dense; remove its method fields or write skip: false.");
        }

        if (allocation?.Value.Strategy == AllocationStrategy.Owl && settings.Target is { Value.IsAllocatable: false } target)
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.AllocationNeedsFraction,
                allocation.Position,
                $"OWL varies a sparsity, compression or N:M pattern per block; {section.Path} sets a {target.Value.Key} target, which it cannot vary.");
        }

        return matcher is null ? null : new LayerRule(index, matcher, skip, settings, allocation, section.Position);
    }

    private static LayerMatcher? ReadMatcher(SectionReader section)
    {
        if (section.Has(Match) && section.Has(Regex))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.MatchAndRegex,
                section.KeyPosition(Regex),
                $"{section.Path} has both match and regex; a rule selects layers with one of them.");
            return null;
        }

        if (!section.Has(Match) && !section.Has(Regex))
        {
            section.Values.Diagnostics.Error(DiagnosticCodes.MissingKey, section.Position, $"{section.Path} needs 'match' (a glob) or 'regex'.");
            return null;
        }

        var key = section.Has(Match) ? Match : Regex;
        if (section.String(key) is not { } text)
        {
            return null;
        }

        var matcher = LayerMatcher.TryCreate(key, text.Value, text.Position, out var error);
        if (matcher is null)
        {
            section.Values.Diagnostics.Error(DiagnosticCodes.InvalidLayerPattern, text.Position, $"{section.Field(key)} is not a valid {(key == Match ? "glob" : "regular expression")}: {error}");
        }

        return matcher;
    }
}
