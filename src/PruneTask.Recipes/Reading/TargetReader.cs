using System.Globalization;
using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>
/// Reads the target keys of <c>defaults</c> or a rule. One mapping sets at most one of them: a target replaces
/// the inherited one as a whole, so <c>pattern</c> in a rule overrides a default <c>sparsity</c>.
/// </summary>
internal static partial class TargetReader
{
    public static IReadOnlyList<string> Keys { get; } = [.. Enum.GetValues<TargetKind>().Select(PruneTarget.KeyOf)];

    public static Located<PruneTarget>? Read(SectionReader section)
    {
        var present = section.Node.Entries.Where(e => Keys.Contains(e.Name)).ToList();
        if (present.Count > 1)
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.ConflictingTargets,
                present[1].Key.Position,
                $"{section.Path} sets both {present[0].Name} and {present[1].Name}; give one target (a later rule's target replaces an earlier one).");
            return null;
        }

        return present.Count == 1 ? ReadOne(section, present[0].Name) : null;
    }

    private static Located<PruneTarget>? ReadOne(SectionReader section, string key)
    {
        var kind = Enum.GetValues<TargetKind>().Single(k => PruneTarget.KeyOf(k) == key);
        if (kind == TargetKind.Pattern)
        {
            return ReadPattern(section, key);
        }

        return section.Number(key, TargetKinds.Find(kind).Range!) is { } value
            ? new Located<PruneTarget>(PruneTarget.OfFraction(kind, value.Value), value.Position)
            : null;
    }

    private static Located<PruneTarget>? ReadPattern(SectionReader section, string key)
    {
        if (section.String(key) is not { } text)
        {
            return null;
        }

        var match = PatternSyntax().Match(text.Value);
        if (!match.Success)
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.InvalidFormat,
                text.Position,
                $"{section.Field(key)} must be \"N:M\" with positive whole numbers, such as \"2:4\"; got '{text.Value}'.");
            return null;
        }

        var ratio = new NmPattern(Parse(match.Groups[1].Value), Parse(match.Groups[2].Value));
        if (ratio.N >= ratio.M)
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.PatternNotBelowGroup,
                text.Position,
                $"{section.Field(key)} {ratio} keeps {ratio.N} of every {ratio.M} weights, which prunes nothing; N must be less than M.");
            return null;
        }

        return new Located<PruneTarget>(new PruneTarget.Pattern(ratio), text.Position);
    }

    private static int Parse(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(TargetKinds.PatternSyntax)]
    private static partial Regex PatternSyntax();
}
