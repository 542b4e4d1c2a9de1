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

    public static PrunedLayer? TryRead(ContentCache? cache, CacheKey key)
    {
        if (cache is null || !cache.TryGet(key, out var entry))
        {
            return null;
        }

        var details = entry.ReadJson<LayerResultDetails>(DetailsFile);
        using var tensors = entry.OpenTensors(TensorsFile);
        torch.Tensor? Optional(string name) => tensors.Contains(name) ? tensors.Load(name) : null;
        return new PrunedLayer(tensors.Load("weight"))
        {
            LowRankU = Optional("lowrank_u"),
            LowRankV = Optional("lowrank_v"),
            Sparse = Optional("sparse"),
            RemovedGroups = details.RemovedGroups,
            Loss = details.Loss,
            Warnings = details.Warnings,
        };
    }

    public static void Write(ContentCache? cache, CacheKey key, string description, PrunedLayer layer, double seconds)
    {
        if (cache is null)
        {
            return;
        }

        var tensors = new List<KeyValuePair<string, torch.Tensor>> { KeyValuePair.Create("weight", layer.Weight) };
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

/// <summary>The non-tensor part of a cached layer result.</summary>
public sealed record LayerResultDetails(double? Loss, bool[]? RemovedGroups, string[] Warnings, double Seconds);
