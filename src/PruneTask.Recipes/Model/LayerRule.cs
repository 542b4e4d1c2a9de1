namespace PruneTask.Recipes.Model;

/// <summary>
/// One entry of <c>layers</c>. <see cref="Skip"/> true leaves matching layers dense; otherwise
/// <see cref="Settings"/> and <see cref="Allocation"/> override what earlier rules and <c>defaults</c> gave them.
/// </summary>
public sealed record LayerRule(
    int Index,
    LayerMatcher Matcher,
    Located<bool>? Skip,
    MethodSettings Settings,
    Located<AllocationSettings>? Allocation,
    SourcePosition Position)
{
    /// <summary>How plans and messages name the rule: <c>layers[2]</c>.</summary>
    public string Label => $"layers[{Index}]";
}
