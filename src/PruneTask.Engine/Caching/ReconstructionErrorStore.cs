using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Caching;

/// <summary>
/// Reads and writes one block's reconstruction errors (per pruned layer, null where a layer's dense output is zero) as
/// a small JSON cache entry, so a block whose results are all cached needs no pass over its activations. The values are
/// finite: <see cref="Calibration.ReconstructionMeter.RelativeError"/> refuses the others before they are stored.
/// </summary>
internal static class ReconstructionErrorStore
{
    private const string File = "errors.json";

    public static Dictionary<string, double?>? TryRead(ContentCache? cache, CacheKey key) =>
        cache is not null && cache.TryGet(key, out var entry) ? entry.ReadJson<Dictionary<string, double?>>(File) : null;

    public static void Write(ContentCache? cache, CacheKey key, string description, IReadOnlyDictionary<string, double?> errors) =>
        cache?.Put(key, description, writer => writer.WriteJson(File, errors));
}
