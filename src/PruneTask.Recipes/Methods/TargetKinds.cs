using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// What each target kind means and which values it takes, declared once: the target reader checks values against
/// <see cref="TargetKindDefinition.Range"/>; the schema and the docs show the description (which methods take a kind
/// comes from <see cref="MethodCatalog"/>).
/// </summary>
public static class TargetKinds
{
    /// <summary>The text of a pattern target, "N:M" with N and M whole numbers from 1 to 999999 (N &lt; M is checked apart).</summary>
    public const string PatternSyntax = "^([1-9][0-9]{0,5}):([1-9][0-9]{0,5})$";

    public static IReadOnlyList<TargetKindDefinition> All { get; } =
    [
        new(
            TargetKind.Sparsity,
            "fraction of the layer's weights set to zero",
            NumberRange.Fraction,
            IsAllocatable: true,
            Example: 0.5,
            Remarks: "One target per rule: it replaces whatever target an earlier rule or `defaults` gave."),
        new(
            TargetKind.Pattern,
            "\"N:M\", at most N nonzeros in every group of M consecutive inputs of a row (N < M; M must divide the layer's inputs)",
            Range: null,
            IsAllocatable: true,
            Example: "2:4",
            Syntax: PatternSyntax,
            Remarks: "Quote it: \"2:4\". For oats it fixes the sparse part and replaces `compression`."),
        new(
            TargetKind.Compression,
            "fraction of the layer's parameters removed, counting both the sparse and the low-rank part",
            NumberRange.Fraction,
            IsAllocatable: true,
            Example: 0.5),
        new(
            TargetKind.Keep,
            "fraction of the layer's neurons or heads kept",
            new NumberRange(0, MinExclusive: true, Max: 1, MaxExclusive: false),
            IsAllocatable: false,
            Example: 0.5),
    ];

    public static TargetKindDefinition Find(TargetKind kind) => All.Single(t => t.Kind == kind);
}

/// <summary>
/// One target kind: what it measures, the numbers it accepts or, for a pattern, the regular expression its text
/// matches, whether an allocation strategy such as OWL may vary it per block, and an example value for editors.
/// </summary>
public sealed record TargetKindDefinition(
    TargetKind Kind, string Summary, NumberRange? Range, bool IsAllocatable, object Example, string? Syntax = null, string? Remarks = null)
{
    /// <summary>The recipe key: sparsity, pattern, compression or keep.</summary>
    public string Key => PruneTarget.KeyOf(Kind);

    /// <summary>The methods that take this target, in catalog order.</summary>
    public IEnumerable<string> Methods(IEnumerable<MethodDefinition> methods) =>
        methods.Where(m => m.Accepts(Kind)).Select(m => m.Name);

    /// <summary>The summary with its range and remarks, as one text: "fraction …, in [0, 1). One target per rule: …".</summary>
    public string Description =>
        $"{Summary}{(Range is null ? "" : $", {Range.Describe()}")}.{(Remarks is null ? "" : $" {Remarks}")}";
}
