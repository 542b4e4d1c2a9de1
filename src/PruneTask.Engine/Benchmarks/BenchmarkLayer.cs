using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// A seeded square layer for the benchmark: W = 0.1·N(0, 1) and calibration X with per-column scales
/// logspace(0.7, −0.7) and every 256th column ×20, reduced to the Gram XᵀX (float64) chunk by chunk.
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

    public static LayerStatistics Statistics(long size, long sequences, long sequenceLength, ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(seed + 1);
        var scales = torch.logspace(0.7, -0.7, size, dtype: torch.float32);
        var outliers = torch.arange(0, size, 256);
        scales.index_copy_(0, outliers, scales.index_select(0, outliers).mul(20));
        var gram = torch.zeros(size, size, dtype: torch.float64);
        var tokens = sequences * sequenceLength;
        for (long done = 0; done < tokens; done += ChunkTokens)
        {
            using var chunkScope = torch.NewDisposeScope();
            var x = torch.randn(Math.Min(ChunkTokens, tokens - done), size, dtype: torch.float32, generator: generator).mul_(scales.unsqueeze(0));
            gram.add_(x.T.matmul(x).to_type(torch.float64));
        }

        var squaredNorms = gram.diagonal().clone();
        return new LayerStatistics(squaredNorms.MoveToOuterDisposeScope(), gram.MoveToOuterDisposeScope(), tokens, sequences);
    }
}
