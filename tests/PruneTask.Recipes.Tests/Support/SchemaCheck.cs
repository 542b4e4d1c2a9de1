using Newtonsoft.Json.Linq;
using NJsonSchema;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>
/// Validates a recipe file against prune.schema.json with NJsonSchema, the way an editor does: the YAML is read
/// as JSON (YAML 1.2 core types) and checked on its own, without its bases or variable values.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<JsonSchema> _schema = new(() => JsonSchema.FromJsonAsync(RecipeSchema.Text).GetAwaiter().GetResult());

    /// <summary>The schema's complaints, or the YAML problem that stops the document from being JSON at all.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        var node = YamlDocumentParser.Parse(yaml, "recipe", ".", diagnostics);
        if (node is null || diagnostics.HasErrors)
        {
            return [.. diagnostics.Items.Select(d => $"YAML: {d}")];
        }

        return [.. _schema.Value.Validate(ToJson(node)).Select(e => $"{e.Path}: {e.Kind}")];
    }

    public static JToken ToJson(RecipeNode node) => node switch
    {
        MappingNode mapping => new JObject(mapping.Entries.Select(e => new JProperty(e.Name, ToJson(e.Value)))),
        SequenceNode list => new JArray(list.Items.Select(ToJson)),
        ScalarNode scalar => scalar.Kind switch
        {
            ScalarKind.Null => JValue.CreateNull(),
            ScalarKind.Boolean => new JValue(scalar.AsBoolean()),
            ScalarKind.Integer => new JValue(scalar.AsInteger()),
            ScalarKind.Float => new JValue(scalar.AsNumber()),
            _ => new JValue(scalar.Text),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
