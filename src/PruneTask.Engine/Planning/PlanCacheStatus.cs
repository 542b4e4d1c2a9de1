using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Planning;

/// <summary>
/// Which stage results of a plan are already in the cache, told without reading any weight: the output folder's
/// prune.lock.json names the cache key of every result the last run used. Those keys are still this plan's keys when
/// the recipe (files and overrides), the tool version and the <see cref="ComputeEnvironment"/> are the same and no input
/// file (model, data, recipe) was written after the lock file, the same up-to-date rule MSBuild applies. Otherwise <see cref="Reason"/> says why
/// the per-result status is unknown; the run then recomputes only the results the change touched.
/// </summary>
public sealed class PlanCacheStatus
{
    private readonly IReadOnlyDictionary<string, string> _stageKeys;
    private readonly ContentCache? _cache;

    private PlanCacheStatus(string reason, IReadOnlyDictionary<string, string> stageKeys, ContentCache? cache)
    {
        Reason = reason;
        _stageKeys = stageKeys;
        _cache = cache;
    }

    /// <summary>True when the last run's keys are this plan's keys, so <see cref="Of"/> is exact.</summary>
    public bool IsCurrent => _cache is not null;

    /// <summary>One line for people: what the status rests on, or why it is unknown.</summary>
    public string Reason { get; }

    /// <param name="environment">The environment the next run computes in (its thread count, this machine).</param>
    public static PlanCacheStatus Read(PrunePlan plan, string outputDirectory, string cacheDirectory, ComputeEnvironment environment)
    {
        var lockPath = Path.Combine(outputDirectory, LockFile.FileName);
        if (!File.Exists(lockPath))
        {
            return Unknown($"not run yet: no {LockFile.FileName} in {outputDirectory}");
        }

        if (TryReadLock(lockPath) is not { StageKeys: not null } lockFile)
        {
            return Unknown($"{lockPath} is not a lock file written by `dotnet prune run`");
        }

        var written = File.GetLastWriteTimeUtc(lockPath);
        var changed = RunInputFiles.List(plan.Recipe).FirstOrDefault(f => File.Exists(f) && File.GetLastWriteTimeUtc(f) > written);
        var reason =
            lockFile.ToolVersion != ToolVersion.Current ? $"the last run used tool version {lockFile.ToolVersion}"
            : lockFile.RecipeHash != LockFile.HashOf(plan.Recipe) ? "the recipe or its overrides changed since the last run"
            : lockFile.Environment is null ? $"the last run's {LockFile.FileName} (version {lockFile.LockVersion}) records no compute environment"
            : lockFile.Environment != environment ? $"the last run computed in another environment ({lockFile.Environment}; now {environment})"
            : changed is not null ? $"{changed} changed since the last run"
            : null;
        return reason is null
            ? new PlanCacheStatus($"as of the last run ({lockPath}); cache {cacheDirectory}", lockFile.StageKeys, new ContentCache(cacheDirectory))
            : Unknown(reason);
    }

    private static LockFile? TryReadLock(string lockPath)
    {
        try
        {
            return JsonSerializer.Deserialize<LockFile>(File.ReadAllText(lockPath), ReportJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"cached", "evicted" (the last run's result is gone from the cache), or null when unknown or not a stage of this plan.</summary>
    /// <param name="stage">A lock file stage name such as <c>prune/model.layers.0.mlp.down_proj</c> or <c>calibrate/block0</c>.</param>
    public string? Of(string stage)
    {
        if (_cache is null || !_stageKeys.TryGetValue(stage, out var key))
        {
            return null;
        }

        return _cache.Contains(CacheKey.Parse(key)) ? "cached" : "evicted";
    }

    private static PlanCacheStatus Unknown(string reason) =>
        new(reason, new Dictionary<string, string>(), null);
}
