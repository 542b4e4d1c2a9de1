using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>
/// Reads the method, target and options of <c>defaults</c> or a rule. When the method is written in the same
/// mapping, targets and options must belong to it; otherwise the resolver checks them against the inherited one.
/// Each field is located at its key, where the resolver's later diagnostics about it point.
/// </summary>
internal static class MethodSettingsReader
{
    public const string MethodKey = "method";

    public static IReadOnlyList<string> Keys { get; } =
        [MethodKey, .. TargetReader.Keys, .. MethodCatalog.AllOptions.Select(o => o.Name)];

    public static MethodSettings Read(SectionReader section)
    {
        var method = section.Get(MethodKey) is { } node ? AtKey(section, MethodKey, section.Values.Choice(node, section.Field(MethodKey), MethodCatalog.Names)) : null;
        var definition = method is null ? null : MethodCatalog.Find(method.Value);
        var target = TargetReader.Read(section) is { } read ? AtKey(section, read.Value.Key, read) : null;
        if (definition is not null && target is not null && !definition.Accepts(target.Value.Kind))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.TargetNotForMethod,
                target.Position,
                $"{definition.Name} takes a {definition.DescribeTargets()} target, not {target.Value.Key}.");
            target = null;
        }

        return new MethodSettings(method, target, ReadOptions(section, definition), section.Position);
    }

    private static List<KeyValuePair<string, Located<object>>> ReadOptions(SectionReader section, MethodDefinition? method)
    {
        var options = new List<KeyValuePair<string, Located<object>>>();
        foreach (var entry in section.Node.Entries)
        {
            if (MethodCatalog.FindOption(entry.Name) is not { } option)
            {
                continue;
            }

            if (method is not null && method.FindOption(entry.Name) is null)
            {
                section.Values.Diagnostics.Error(
                    DiagnosticCodes.OptionNotForMethod,
                    entry.Key.Position,
                    $"'{entry.Name}' is not an option of {method.Name}; it belongs to {MethodCatalog.OwnersOf(entry.Name)}.");
                continue;
            }

            if (OptionReader.Read(option, entry.Value, section.Field(entry.Name), section.Values) is { } value)
            {
                options.Add(new(entry.Name, value with { Position = entry.Key.Position }));
            }
        }

        return options;
    }

    private static Located<T>? AtKey<T>(SectionReader section, string key, Located<T>? value) =>
        value is null ? null : value with { Position = section.KeyPosition(key) };
}
