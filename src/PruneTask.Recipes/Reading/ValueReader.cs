using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>
/// Reads typed scalars, reporting a positioned diagnostic and returning null when a value does not fit.
/// <paramref name="field"/> arguments are dotted paths such as <c>calibration.samples</c>, used in messages.
/// </summary>
internal sealed class ValueReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public Located<string>? String(RecipeNode node, string field)
    {
        if (Expect(node, field, "a string", s => s.Kind == ScalarKind.String) is not { } scalar)
        {
            return null;
        }

        if (scalar.Text.Length == 0)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidFormat, scalar.Position, $"{field} must not be empty.");
            return null;
        }

        return new Located<string>(scalar.Text, scalar.Position);
    }

    public Located<long>? Integer(RecipeNode node, string field, NumberRange range)
    {
        if (Expect(node, field, "an integer", s => s.Kind == ScalarKind.Integer) is not { } scalar)
        {
            return null;
        }

        var value = scalar.AsInteger();
        return InRange(scalar, field, value, range, "an integer") ? new Located<long>(value, scalar.Position) : null;
    }

    public Located<double>? Number(RecipeNode node, string field, NumberRange range)
    {
        if (Expect(node, field, "a number", s => s.IsNumber) is not { } scalar)
        {
            return null;
        }

        var value = scalar.AsNumber();
        return InRange(scalar, field, value, range, "a number") ? new Located<double>(value, scalar.Position) : null;
    }

    public Located<bool>? Boolean(RecipeNode node, string field) =>
        Expect(node, field, "true or false", s => s.Kind == ScalarKind.Boolean) is { } scalar
            ? new Located<bool>(scalar.AsBoolean(), scalar.Position)
            : null;

    public Located<string>? Choice(RecipeNode node, string field, IReadOnlyList<string> choices)
    {
        var text = String(node, field);
        if (text is null || choices.Contains(text.Value))
        {
            return text;
        }

        Diagnostics.Error(
            DiagnosticCodes.UnknownValue,
            text.Position,
            $"{field} must be one of {string.Join(", ", choices)}; got '{text.Value}'{From(node)}.{Suggestions.Hint(text.Value, choices)}");
        return null;
    }

    public Located<T>? Enum<T>(RecipeNode node, string field)
        where T : struct, System.Enum
    {
        var names = System.Enum.GetValues<T>().Select(v => v.ToString().ToLowerInvariant()).ToList();
        return Choice(node, field, names) is { } word
            ? new Located<T>(System.Enum.GetValues<T>()[names.IndexOf(word.Value)], word.Position)
            : null;
    }

    /// <summary>A word such as <c>all</c> or <c>auto</c> (returned as a string), or an integer in range (a long).</summary>
    public Located<object>? IntegerOrWord(RecipeNode node, string field, string word, NumberRange range)
    {
        if (node is ScalarNode { Kind: ScalarKind.String, IsReported: false } text)
        {
            if (text.Text == word)
            {
                return new Located<object>(word, text.Position);
            }

            Diagnostics.Error(DiagnosticCodes.UnknownValue, text.Position, $"{field} must be '{word}' or an integer {range.Describe()}; got {text.Show()}{From(node)}.");
            return null;
        }

        return Integer(node, field, range) is { } number ? new Located<object>(number.Value, number.Position) : null;
    }

    public void WrongType(RecipeNode node, string field, string expected)
    {
        var shown = node is ScalarNode scalar ? $"{scalar.Describe()} ({scalar.Show()})" : node.Describe();
        Diagnostics.Error(DiagnosticCodes.WrongType, node.Position, $"{field} must be {expected}; got {shown}{From(node)}.");
    }

    private ScalarNode? Expect(RecipeNode node, string field, string expected, Func<ScalarNode, bool> accepts)
    {
        if (node is ScalarNode { IsReported: true })
        {
            return null;
        }

        if (node is ScalarNode scalar && accepts(scalar))
        {
            return scalar;
        }

        WrongType(node, field, expected);
        return null;
    }

    private bool InRange(ScalarNode scalar, string field, double value, NumberRange range, string what)
    {
        if (range.Contains(value))
        {
            return true;
        }

        Diagnostics.Error(DiagnosticCodes.OutOfRange, scalar.Position, $"{field} must be {what} {range.Describe()}; got {scalar.Show()}{From(scalar)}.");
        return false;
    }

    private static string From(RecipeNode node) => node is ScalarNode { Variable: { } name } ? $" (from ${{{name}}})" : string.Empty;
}
