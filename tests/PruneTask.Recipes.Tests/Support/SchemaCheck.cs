using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>
/// Validates a recipe file against prune.schema.json with JsonSchema.Net (draft-07, <c>if</c>/<c>then</c> included, as
/// editors' YAML extensions do): the YAML is read as JSON (YAML 1.2 core types) and checked on its own, without its
/// bases or variable values.
/// </summary>
internal static class SchemaCheck
{
    private static readonly Lazy<JsonSchema> _schema = new(() => JsonSchema.FromText(RecipeSchema.Text));

    /// <summary>The schema's complaints as "instance location: message", or the YAML problem that stops the document from being JSON at all.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        var node = YamlDocumentParser.Parse(yaml, "recipe", ".", diagnostics);
        if (node is null || diagnostics.HasErrors)
        {
            return [.. diagnostics.Items.Select(d => $"YAML: {d}")];
        }

        var result = _schema.Value.Evaluate(JsonSerializer.SerializeToElement(ToJson(node)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Prepend(result)
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    public static JsonNode? ToJson(RecipeNode node) => node switch
    {
        MappingNode mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Name, ToJson(e.Value)))),
        SequenceNode list => new JsonArray([.. list.Items.Select(ToJson)]),
        ScalarNode scalar => scalar.Kind switch
        {
            ScalarKind.Null => null,
            ScalarKind.Boolean => JsonValue.Create(scalar.AsBoolean()),
            ScalarKind.Integer => JsonValue.Create(scalar.AsInteger()),
            ScalarKind.Float => JsonValue.Create(scalar.AsNumber()),
            _ => JsonValue.Create(scalar.Text),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
