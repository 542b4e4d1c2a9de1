using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Stages;

/// <summary>The fingerprints, stage keys and compute environment a run hands to the export stage for prune.lock.json.</summary>
public sealed record LockInputs(
    string ModelFingerprint, IReadOnlyDictionary<string, string> DataFingerprints, IReadOnlyDictionary<string, string> StageKeys, ComputeEnvironment Environment);
