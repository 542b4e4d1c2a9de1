namespace PruneTask.Engine.Benchmarks;

/// <summary>What <see cref="ForwardThroughput"/> runs: <see cref="Batch"/> sequences of <see cref="Tokens"/> random ids through each model, timed in <see cref="Repeats"/> rounds after warm-up rounds.</summary>
public sealed record ThroughputSettings(int Batch = 8, int Tokens = 128, int Repeats = 10, long Seed = 0);
