using System.Diagnostics;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>Measures this machine's float32 matrix-product rate, the yardstick the benchmark compares methods with.</summary>
public static class MatmulRate
{
    /// <summary>Floating-point operations per second of an n×n by n×n float32 product: 2n³ over the best of several runs.</summary>
    public static double Measure(int size, int repeats = 5)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(1);
        var a = torch.randn(size, size, dtype: torch.float32, generator: generator);
        var b = torch.randn(size, size, dtype: torch.float32, generator: generator);
        a.matmul(b).Dispose();
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return 2.0 * size * size * size / best;
    }
}
