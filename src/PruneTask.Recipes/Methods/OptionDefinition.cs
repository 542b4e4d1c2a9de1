using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>A method option: its type, accepted values and default (long, double, bool or string).</summary>
public sealed record OptionDefinition(string Name, OptionType Type, object Default, NumberRange? Range = null, IReadOnlyList<string>? Choices = null)
{
    public const string Auto = "auto";

    public static OptionDefinition Integer(string name, long fallback, long min = 1) =>
        new(name, OptionType.Integer, fallback, NumberRange.AtLeast(min));

    public static OptionDefinition Number(string name, double fallback, NumberRange range) =>
        new(name, OptionType.Number, fallback, range);

    public static OptionDefinition Boolean(string name, bool fallback) => new(name, OptionType.Boolean, fallback);

    public static OptionDefinition Choice(string name, params string[] choices) =>
        new(name, OptionType.Choice, choices[0], Choices: choices);

    public static OptionDefinition IntegerOrAuto(string name, long min = 1) =>
        new(name, OptionType.IntegerOrAuto, Auto, NumberRange.AtLeast(min));
}
