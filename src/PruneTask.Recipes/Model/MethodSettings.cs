namespace PruneTask.Recipes.Model;

/// <summary>
/// The method fields of <c>defaults</c> or of one rule, each only when written there: later rules override
/// earlier ones field by field. <see cref="Options"/> holds method options by recipe key (values are long,
/// double, bool or string), in the order written. Every field is located at its key.
/// </summary>
public sealed record MethodSettings(
    Located<string>? Method,
    Located<PruneTarget>? Target,
    IReadOnlyList<KeyValuePair<string, Located<object>>> Options,
    SourcePosition Position)
{
    public bool IsEmpty => Method is null && Target is null && Options.Count == 0;
}
