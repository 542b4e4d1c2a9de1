using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Caching;

/// <summary>Reads and writes one block's calibration statistics (per input key) as a cache entry.</summary>
public static class StatisticsStore
{
    private const string TensorsFile = "statistics.safetensors";
    private const string CountsFile = "counts.json";

    public static Dictionary<string, LayerStatistics>? TryRead(ContentCache? cache, CacheKey key)
    {
        if (cache is null || !cache.TryGet(key, out var entry))
        {
            return null;
        }

        var counts = entry.ReadJson<Dictionary<string, long[]>>(CountsFile);
        using var tensors = entry.OpenTensors(TensorsFile);
        return counts.ToDictionary(
            c => c.Key,
            c => new LayerStatistics(
                tensors.Load(c.Key + ".squared_norms"),
                tensors.Contains(c.Key + ".gram") ? tensors.Load(c.Key + ".gram") : null,
                c.Value[0],
                c.Value[1]));
    }

    public static void Write(ContentCache? cache, CacheKey key, string description, IReadOnlyDictionary<string, LayerStatistics> statistics)
    {
        if (cache is null)
        {
            return;
        }

        var tensors = new List<KeyValuePair<string, torch.Tensor>>();
        foreach (var (input, s) in statistics.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            tensors.Add(KeyValuePair.Create(input + ".squared_norms", s.SquaredNorms));
            if (s.Gram is not null)
            {
                tensors.Add(KeyValuePair.Create(input + ".gram", s.Gram));
            }
        }

        var counts = statistics.ToDictionary(s => s.Key, s => new[] { s.Value.Tokens, s.Value.Sequences });
        cache.Put(key, description, writer =>
        {
            writer.WriteTensors(TensorsFile, tensors);
            writer.WriteText(CountsFile, JsonSerializer.Serialize(new SortedDictionary<string, long[]>(counts, StringComparer.Ordinal)));
        });
    }
}
