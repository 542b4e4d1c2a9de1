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

    /// <summary>The factored form's tensors, present only in a factored result.</summary>
    public const string LowRankUName = "lowrank_u", LowRankVName = "lowrank_v", SparseName = "sparse";

    /// <summary>The cached result under <paramref name="key"/>, its tensors still in the entry's file; null when there is none.</summary>
    public static CachedLayerResult? TryOpen(ContentCache? cache, CacheKey key)
    {
        // The weights (the bulk of the entry) are hashed only if the run reads them.
        if (cache is null || !cache.TryGet(key, out var entry, verifiedOnRead: TensorsFile))
        {
            return null;
        }

        var details = entry.ReadJson<LayerResultDetails>(DetailsFile);
        try
        {
            return new CachedLayerResult(details, entry.OpenVerifiedTensors(TensorsFile));
        }
        catch (SafetensorsFormatException e)
        {
            // A damaged header shows before any hash would: the entry is corrupt, and still early enough to recompute.
            entry.RemoveAsCorrupt(e.Message);
            return null;
        }
    }

    /// <param name="nonzero">The pruned weight's nonzero entries, kept so a cached result is reported without reading its weight.</param>
    public static void Write(ContentCache? cache, CacheKey key, string description, PrunedLayer layer, long nonzero, double seconds)
    {
        if (cache is null)
        {
            return;
        }

        var tensors = new List<KeyValuePair<string, torch.Tensor>> { KeyValuePair.Create(WeightName, layer.Weight) };
        AddIfPresent(tensors, LowRankUName, layer.LowRankU);
        AddIfPresent(tensors, LowRankVName, layer.LowRankV);
        AddIfPresent(tensors, SparseName, layer.Sparse);
        var details = new LayerResultDetails(layer.Loss, layer.RemovedGroups, layer.Warnings.ToArray(), seconds, nonzero);
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
/// A layer result in the cache: its details, and the entry's tensor file, which a run can read the weight from when it
/// needs it instead of keeping or spilling a copy. The caller disposes <see cref="Tensors"/> or hands it on.
/// </summary>
public sealed record CachedLayerResult(LayerResultDetails Details, IRawTensorSource Tensors)
{
    /// <summary>Whether the result is factored (sparse part plus low-rank factors) rather than a weight alone.</summary>
    public bool IsFactored => Tensors.Contains(LayerResultStore.LowRankUName);

    /// <summary>The whole result read into memory; the caller owns it.</summary>
    public PrunedLayer Load()
    {
        torch.Tensor? Optional(string name) => Tensors.Contains(name) ? Tensors.Load(name) : null;
        return new PrunedLayer(Tensors.Load(LayerResultStore.WeightName))
        {
            LowRankU = Optional(LayerResultStore.LowRankUName),
            LowRankV = Optional(LayerResultStore.LowRankVName),
            Sparse = Optional(LayerResultStore.SparseName),
            RemovedGroups = Details.RemovedGroups,
            Loss = Details.Loss,
            Warnings = Details.Warnings,
        };
    }
}

/// <summary>The non-tensor part of a cached layer result; <paramref name="Nonzero"/> is null in entries written before it was kept.</summary>
public sealed record LayerResultDetails(double? Loss, bool[]? RemovedGroups, string[] Warnings, double Seconds, long? Nonzero = null);
