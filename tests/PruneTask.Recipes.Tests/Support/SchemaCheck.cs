using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
    private static readonly ConcurrentDictionary<string, JsonSchema> _others = new();

    /// <summary>The schema's complaints as "instance location: message", or the YAML problem that stops the document from being JSON at all.</summary>
    public static IReadOnlyList<string> Errors(string yaml) => Errors(yaml, _schema.Value);

    /// <summary>The complaints of another schema text (one generated from a test's method declarations).</summary>
    public static IReadOnlyList<string> Errors(string yaml, string schemaText) => Errors(yaml, _others.GetOrAdd(schemaText, WithOwnId));

    private static IReadOnlyList<string> Errors(string yaml, JsonSchema schema)
    {
        var diagnostics = new DiagnosticBag();
        var node = YamlDocumentParser.Parse(yaml, "recipe", ".", diagnostics);
        if (node is null || diagnostics.HasErrors)
        {
            return [.. diagnostics.Items.Select(d => $"YAML: {d}")];
        }

        var result = schema.Evaluate(JsonSerializer.SerializeToElement(ToJson(node)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Prepend(result)
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>JsonSchema.Net registers every schema by its $id, once: another text gets an id of its own.</summary>
    private static JsonSchema WithOwnId(string schemaText)
    {
        var schema = JsonNode.Parse(schemaText)!.AsObject();
        schema["$id"] = $"https://prunetask.invalid/{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(schemaText)))}/{RecipeSchema.FileName}";
        return JsonSchema.FromText(schema.ToJsonString());
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
