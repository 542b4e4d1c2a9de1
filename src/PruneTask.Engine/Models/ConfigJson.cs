using System.Text.Json;
using System.Text.Json.Nodes;

namespace PruneTask.Engine.Models;

/// <summary>
/// Typed reads from a Hugging Face config.json object. A missing or ill-typed key fails with an
/// <see cref="InvalidModelException"/> that names the key; an explicit JSON null counts as missing.
/// </summary>
public sealed class ConfigJson
{
    private readonly JsonObject _root;

    public ConfigJson(JsonObject root) => _root = root;

    public static ConfigJson Parse(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidModelException($"config.json is not valid JSON: {e.Message}", e);
        }

        return node is JsonObject root
            ? new ConfigJson(root)
            : throw new InvalidModelException("config.json must hold a JSON object.");
    }

    public bool Has(string key) => _root[key] is not null;

    public int Int(string key)
    {
        var value = Double(key);
        return value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue ? (int)value : throw Invalid(key, "an integer");
    }

    public int Int(string key, int fallback) => Has(key) ? Int(key) : fallback;

    /// <summary>A size or count: an integer of at least 1.</summary>
    public int PositiveInt(string key) => Int(key) is var value && value > 0 ? value : throw Invalid(key, "a positive integer");

    public int PositiveInt(string key, int fallback) => Has(key) ? PositiveInt(key) : fallback;

    public double Double(string key) => _root[key] switch
    {
        null => throw new InvalidModelException($"config.json: '{key}' is missing."),
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => throw Invalid(key, "a number"),
    };

    public double Double(string key, double fallback) => Has(key) ? Double(key) : fallback;

    public bool Bool(string key, bool fallback) => _root[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw Invalid(key, "true or false"),
    };

    public string? String(string key) => _root[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw Invalid(key, "a string"),
    };

    public ConfigJson? Object(string key) => _root[key] switch
    {
        null => null,
        JsonObject inner => new ConfigJson(inner),
        _ => throw Invalid(key, "an object"),
    };

    public IReadOnlyList<string> Strings(string key) => _root[key] switch
    {
        null => [],
        JsonArray items => items.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Invalid(key, "a list of strings")).ToList(),
        _ => throw Invalid(key, "a list of strings"),
    };

    public override string ToString() => _root.ToJsonString();

    private static InvalidModelException Invalid(string key, string expected) => new($"config.json: '{key}' must be {expected}.");
}
