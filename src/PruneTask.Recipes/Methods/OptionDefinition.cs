using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// A method option: its type, accepted values, default (long, double, bool or string) and what it does. The
/// <see cref="Description"/> leaves out which methods own the option; the schema and the docs add that.
/// </summary>
public sealed record OptionDefinition(string Name, OptionType Type, object Default, string Description, NumberRange? Range = null, IReadOnlyList<string>? Choices = null)
{
    public const string Auto = "auto";

    /// <summary>Whether a resolved value (long, double, bool or string) fits the option's type, range and choices.</summary>
    public bool Accepts(object value) => Type switch
    {
        OptionType.Integer => value is long l && InRange(l),
        OptionType.Number => value is double or long && InRange(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        OptionType.Boolean => value is bool,
        OptionType.Choice => value is string s && Choices!.Contains(s),
        OptionType.IntegerOrAuto => value is Auto || (value is long l && InRange(l)),
        _ => false,
    };

    /// <summary>The values the option takes, for messages: "layer or row", "Integer at least 1".</summary>
    public string DescribeValues() =>
        Choices is { } choices ? string.Join(" or ", choices) : $"{Type}{(Range is { } range ? " " + range.Describe() : "")}";

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

    private bool InRange(double value) => Range?.Contains(value) ?? true;
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
