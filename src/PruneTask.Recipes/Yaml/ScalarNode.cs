using System.Globalization;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Yaml;

/// <summary>A scalar with its YAML 1.2 core-schema type.</summary>
internal sealed class ScalarNode(string text, ScalarKind kind, SourcePosition position, string baseDirectory)
    : RecipeNode(position, baseDirectory)
{
    public string Text { get; } = text;

    public ScalarKind Kind { get; } = kind;

    /// <summary>The variable this value was substituted from, for messages; null when written literally.</summary>
    public string? Variable { get; init; }

    /// <summary>True when an error about this value was already reported; readers then stay silent about it.</summary>
    public bool IsReported { get; init; }

    public bool IsNumber => Kind is ScalarKind.Integer or ScalarKind.Float;

    public long AsInteger() => ScalarResolver.ParseInteger(Text);

    public double AsNumber() => Kind == ScalarKind.Integer ? AsInteger() : ScalarResolver.ParseFloat(Text);

    public bool AsBoolean() => Text is "true" or "True" or "TRUE";

    /// <summary>The value as a .NET primitive: null, bool, long, double or string.</summary>
    public object? ToValue() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Boolean => AsBoolean(),
        ScalarKind.Integer => AsInteger(),
        ScalarKind.Float => AsNumber(),
        _ => Text,
    };

    /// <summary>The value as written back in messages: strings quoted, numbers invariant.</summary>
    public string Show() => Kind switch
    {
        ScalarKind.String => $"'{Text}'",
        ScalarKind.Null => "null",
        ScalarKind.Float => AsNumber().ToString(CultureInfo.InvariantCulture),
        _ => Text,
    };

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Integer => "an integer",
        ScalarKind.Float => "a number",
        _ => "a string",
    };
}
