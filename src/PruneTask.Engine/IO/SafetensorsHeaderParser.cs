using System.Text.Json;
using System.Text.Unicode;

namespace PruneTask.Engine.IO;

/// <summary>
/// Parses the JSON header of a safetensors file, rejecting anything that is not exactly the format:
/// non-UTF-8 bytes, malformed JSON, duplicate keys, unknown dtypes and malformed shapes or offsets.
/// </summary>
internal static class SafetensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    public static SafetensorsHeader Parse(ReadOnlyMemory<byte> json, string path)
    {
        if (!Utf8.IsValid(json.Span))
            throw new SafetensorsFormatException(path, "header is not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(path, $"header is not valid JSON ({e.Message})", e);
        }
        using (document)
            return ParseRoot(document.RootElement, path);
    }

    private static SafetensorsHeader ParseRoot(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(path, $"header is a JSON {root.ValueKind}, not an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        var entries = new List<SafetensorsHeaderEntry>();
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw new SafetensorsFormatException(path, property.Name == MetadataKey
                    ? $"header has {MetadataKey} twice"
                    : $"duplicate tensor name '{property.Name}'");
            if (property.Name == MetadataKey)
                metadata = ParseMetadata(property.Value, path);
            else
                entries.Add(ParseEntry(property.Name, property.Value, path));
        }
        return new SafetensorsHeader(metadata, entries);
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(path, $"{MetadataKey} is a JSON {value.ValueKind}, not an object");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw new SafetensorsFormatException(path, $"{MetadataKey} value of '{property.Name}' is not a string");
            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
                throw new SafetensorsFormatException(path, $"duplicate {MetadataKey} key '{property.Name}'");
        }
        return metadata;
    }

    private static SafetensorsHeaderEntry ParseEntry(string name, JsonElement value, string path)
    {
        SafetensorsFormatException Fail(string problem) => new(path, $"tensor '{name}': {problem}");

        if (value.ValueKind != JsonValueKind.Object)
            throw Fail($"entry is a JSON {value.ValueKind}, not an object");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
                throw Fail($"duplicate key \"{property.Name}\"");
        }
        var dtypeName = Field(fields, "dtype", Fail);
        if (dtypeName.ValueKind != JsonValueKind.String)
            throw Fail("\"dtype\" is not a string");
        if (!TensorDtypes.TryParse(dtypeName.GetString()!, out var dtype))
            throw Fail($"unknown dtype \"{dtypeName.GetString()}\"");
        var shape = NonNegativeIntegers(Field(fields, "shape", Fail), "shape", Fail);
        var offsets = NonNegativeIntegers(Field(fields, "data_offsets", Fail), "data_offsets", Fail);
        if (offsets.Length != 2)
            throw Fail($"\"data_offsets\" has {offsets.Length} values, not 2");
        return new SafetensorsHeaderEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static JsonElement Field(
        Dictionary<string, JsonElement> fields, string key, Func<string, SafetensorsFormatException> fail) =>
        fields.TryGetValue(key, out var value) ? value : throw fail($"missing \"{key}\"");

    private static long[] NonNegativeIntegers(
        JsonElement value, string key, Func<string, SafetensorsFormatException> fail)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw fail($"\"{key}\" is not an array");
        var result = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0)
                throw fail($"\"{key}\" holds {item.GetRawText()}, not a non-negative 64-bit integer");
            result[i++] = number;
        }
        return result;
    }
}

/// <summary>A parsed safetensors header: metadata and tensor entries in header order, offsets not yet checked.</summary>
internal sealed record SafetensorsHeader(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SafetensorsHeaderEntry> Entries);

/// <summary>One tensor as its header entry states it; Begin and End are relative to the start of the data region.</summary>
internal sealed record SafetensorsHeaderEntry(string Name, TensorDtype Dtype, long[] Shape, long Begin, long End);
