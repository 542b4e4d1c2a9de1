namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// One model folder's forward speed: its format (dense, shrunk, factored), weight file bytes, tokens per second of the
/// fastest timed pass, and the fastest and median seconds of one pass.
/// </summary>
public sealed record ThroughputResult(string Model, string Format, long WeightBytes, double TokensPerSecond, double BestSecondsPerPass, double MedianSecondsPerPass);
