namespace PruneTask.Recipes.Methods;

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
