namespace PruneTask.Engine.Stages;

/// <summary>The fingerprints and stage keys a run hands to the export stage for prune.lock.json.</summary>
public sealed record LockInputs(string ModelFingerprint, IReadOnlyDictionary<string, string> DataFingerprints, IReadOnlyDictionary<string, string> StageKeys);
