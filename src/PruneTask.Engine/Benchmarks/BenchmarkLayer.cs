using System.Diagnostics;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using TorchSharp;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// A seeded square layer for the benchmark: W = 0.1·N(0, 1) and calibration X with per-column scales
/// logspace(0.7, −0.7) and every 256th column ×20, reduced to the Gram XᵀX chunk by chunk as calibration does.
/// </summary>
internal static class BenchmarkLayer
{
    private const long ChunkTokens = 4096;

    public static torch.Tensor Weight(long size, ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(seed);
        return torch.randn(size, size, dtype: torch.float32, generator: generator).mul(0.1f).MoveToOuterDisposeScope();
    }

    /// <param name="gramTime">Receives the time spent summing the statistics (the drawing of X not included).</param>
    public static LayerStatistics Statistics(long size, long sequences, long sequenceLength, ulong seed, Stopwatch gramTime)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(seed + 1);
        var scales = torch.logspace(0.7, -0.7, size, dtype: torch.float32);
        var outliers = torch.arange(0, size, 256);
        scales.index_copy_(0, outliers, scales.index_select(0, outliers).mul(20));
        var accumulator = new InputStatisticsAccumulator(size, StatisticsNeed.Gram);
        var sequencesPerChunk = Math.Max(1, ChunkTokens / sequenceLength);
        for (long done = 0; done < sequences; done += sequencesPerChunk)
        {
            using var chunkScope = torch.NewDisposeScope();
            var count = Math.Min(sequencesPerChunk, sequences - done);
            var x = torch.randn(count, sequenceLength, size, dtype: torch.float32, generator: generator).mul_(scales);
            gramTime.Start();
            accumulator.Add(x);
            gramTime.Stop();
        }

        return accumulator.ToStatistics();
    }
}
