using System.Globalization;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Caching;

/// <summary>A single number (an evaluation result) kept in the cache as text, round-trippable; NaN and Inf are refused (PRN103).</summary>
internal static class CachedNumber
{
    private const string File = "value.txt";

    /// <returns>The number and whether it came from the cache.</returns>
    public static (double Value, bool Hit) GetOrCompute(ContentCache? cache, CacheKey key, string description, Func<double> compute)
    {
        if (cache is not null && cache.TryGet(key, out var entry))
        {
            return (double.Parse(entry.ReadText(File), CultureInfo.InvariantCulture), true);
        }

        var value = compute();
        if (!double.IsFinite(value))
        {
            throw new PruneRunException(RunErrorCodes.NumericalFailure, $"The {description} is {value.ToString(CultureInfo.InvariantCulture)}: the model's outputs are not finite; nothing was cached.");
        }

        cache?.Put(key, description, w => w.WriteText(File, value.ToString("R", CultureInfo.InvariantCulture)));
        return (value, false);
    }
}
