using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads one method option by its definition; values come back as long, double, bool or string.</summary>
internal static class OptionReader
{
    public static Located<object>? Read(OptionDefinition option, RecipeNode node, string field, ValueReader values) => option.Type switch
    {
        OptionType.Integer => Box(values.Integer(node, field, option.Range!)),
        OptionType.Number => Box(values.Number(node, field, option.Range!)),
        OptionType.Boolean => Box(values.Boolean(node, field)),
        OptionType.Choice => Box(values.Choice(node, field, option.Choices!)),
        _ => values.IntegerOrWord(node, field, OptionDefinition.Auto, option.Range!),
    };

    private static Located<object>? Box<T>(Located<T>? value)
        where T : notnull => value is null ? null : new Located<object>(value.Value, value.Position);
}
