using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// A method option: its type, accepted values, default (long, double, bool or string) and what it does. The
/// <see cref="Description"/> leaves out which methods own the option; the schema and the docs add that.
/// </summary>
public sealed record OptionDefinition(string Name, OptionType Type, object Default, string Description, NumberRange? Range = null, IReadOnlyList<string>? Choices = null)
{
    public const string Auto = "auto";

    public static OptionDefinition Integer(string name, long fallback, string description, long min = 1) =>
        new(name, OptionType.Integer, fallback, description, NumberRange.AtLeast(min));

    public static OptionDefinition Number(string name, double fallback, NumberRange range, string description) =>
        new(name, OptionType.Number, fallback, description, range);

    public static OptionDefinition Boolean(string name, bool fallback, string description) =>
        new(name, OptionType.Boolean, fallback, description);

    /// <summary>One word out of <paramref name="choices"/>; the first is the default.</summary>
    public static OptionDefinition Choice(string name, string[] choices, string description) =>
        new(name, OptionType.Choice, choices[0], description, Choices: choices);

    public static OptionDefinition IntegerOrAuto(string name, string description, long min = 1) =>
        new(name, OptionType.IntegerOrAuto, Auto, description, NumberRange.AtLeast(min));
}

/// <summary>The kind of value a method option holds.</summary>
public enum OptionType
{
    Integer,
    Number,
    Boolean,

    /// <summary>One word out of <see cref="OptionDefinition.Choices"/>.</summary>
    Choice,

    /// <summary>The word <c>auto</c> (resolved per layer) or an integer.</summary>
    IntegerOrAuto,
}
