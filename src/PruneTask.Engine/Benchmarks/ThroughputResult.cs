namespace PruneTask.Engine.Benchmarks;

/// <summary>One model folder's forward speed: its format (dense, shrunk, factored), weight file bytes, tokens per second and the median seconds of one pass.</summary>
public sealed record ThroughputResult(string Model, string Format, long WeightBytes, double TokensPerSecond, double SecondsPerPass);
