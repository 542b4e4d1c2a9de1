namespace PruneTask.Engine.Benchmarks;

/// <summary>What <see cref="ForwardThroughput"/> runs: <see cref="Batch"/> sequences of <see cref="Tokens"/> random ids, timed <see cref="Repeats"/> times after warm-up passes.</summary>
public sealed record ThroughputSettings(int Batch = 8, int Tokens = 128, int Repeats = 10, long Seed = 0);
