using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Caching;

/// <summary>Reads and writes one pruned layer (its weight, optional factors, loss and warnings) as a cache entry.</summary>
public static class LayerResultStore
{
    private const string TensorsFile = "layer.safetensors";
    private const string DetailsFile = "layer.json";

    /// <summary>The name of the pruned weight (float32 [out, in]) in <see cref="CachedLayerResult.Tensors"/>.</summary>
    public const string WeightName = "weight";

    public static CachedLayerResult? TryRead(ContentCache? cache, CacheKey key)
    {
        if (cache is null || !cache.TryGet(key, out var entry))
        {
            return null;
        }

        var details = entry.ReadJson<LayerResultDetails>(DetailsFile);
        var tensors = entry.OpenTensors(TensorsFile);
        try
        {
            torch.Tensor? Optional(string name) => tensors.Contains(name) ? tensors.Load(name) : null;
            var result = new PrunedLayer(tensors.Load(WeightName))
            {
                LowRankU = Optional("lowrank_u"),
                LowRankV = Optional("lowrank_v"),
                Sparse = Optional("sparse"),
                RemovedGroups = details.RemovedGroups,
                Loss = details.Loss,
                Warnings = details.Warnings,
            };
            return new CachedLayerResult(result, tensors);
        }
        catch
        {
            tensors.Dispose();
            throw;
        }
    }

    public static void Write(ContentCache? cache, CacheKey key, string description, PrunedLayer layer, double seconds)
    {
        if (cache is null)
        {
            return;
        }

        var tensors = new List<KeyValuePair<string, torch.Tensor>> { KeyValuePair.Create(WeightName, layer.Weight) };
        AddIfPresent(tensors, "lowrank_u", layer.LowRankU);
        AddIfPresent(tensors, "lowrank_v", layer.LowRankV);
        AddIfPresent(tensors, "sparse", layer.Sparse);
        var details = new LayerResultDetails(layer.Loss, layer.RemovedGroups, layer.Warnings.ToArray(), seconds);
        cache.Put(key, description, writer =>
        {
            writer.WriteTensors(TensorsFile, tensors);
            writer.WriteJson(DetailsFile, details);
        });
    }

    private static void AddIfPresent(List<KeyValuePair<string, torch.Tensor>> tensors, string name, torch.Tensor? tensor)
    {
        if (tensor is not null)
        {
            tensors.Add(KeyValuePair.Create(name, tensor.contiguous()));
        }
    }
}

/// <summary>
/// A layer result read from the cache, and the entry's tensor file it came from: a run can read the weight from that
/// file again later instead of keeping or spilling a copy. The caller disposes both.
/// </summary>
public sealed record CachedLayerResult(PrunedLayer Result, SafetensorsFile Tensors);

/// <summary>The non-tensor part of a cached layer result.</summary>
public sealed record LayerResultDetails(double? Loss, bool[]? RemovedGroups, string[] Warnings, double Seconds);
