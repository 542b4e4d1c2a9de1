using System.Text.Json;
using System.Text.Unicode;

namespace PruneTask.Engine.IO;

/// <summary>Reads the <c>weight_map</c> (tensor name → shard file) of a <c>model.safetensors.index.json</c>.</summary>
internal static class ShardIndexParser
{
    /// <returns>The weight map in file order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string indexPath)
    {
        var length = new FileInfo(indexPath).Length;
        if (length > SafetensorsFile.MaxHeaderLength)
            throw new SafetensorsFormatException(indexPath, $"index is {length} bytes, over the 100 MB limit");
        var bytes = File.ReadAllBytes(indexPath);
        if (!Utf8.IsValid(bytes))
            throw new SafetensorsFormatException(indexPath, "index is not valid UTF-8");
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return WeightMap(document.RootElement, indexPath);
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(indexPath, $"index is not valid JSON ({e.Message})", e);
        }
    }

    private static List<KeyValuePair<string, string>> WeightMap(JsonElement root, string indexPath)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(indexPath, $"index is a JSON {root.ValueKind}, not an object");
        var weightMaps = root.EnumerateObject().Where(p => p.Name == "weight_map").ToList();
        if (weightMaps.Count != 1)
            throw new SafetensorsFormatException(indexPath, $"index has {weightMaps.Count} \"weight_map\" entries, not 1");
        if (weightMaps[0].Value.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(indexPath, "\"weight_map\" is not an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var map = new List<KeyValuePair<string, string>>();
        foreach (var entry in weightMaps[0].Value.EnumerateObject())
        {
            if (!seen.Add(entry.Name))
                throw new SafetensorsFormatException(indexPath, $"\"weight_map\" lists tensor '{entry.Name}' twice");
            var shard = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
            if (shard.Length == 0 || shard is "." or ".." || Path.GetFileName(shard) != shard)
                throw new SafetensorsFormatException(indexPath,
                    $"\"weight_map\" sends tensor '{entry.Name}' to {entry.Value.GetRawText()}, not a file name in the index's folder");
            map.Add(KeyValuePair.Create(entry.Name, shard));
        }
        return map;
    }
}
