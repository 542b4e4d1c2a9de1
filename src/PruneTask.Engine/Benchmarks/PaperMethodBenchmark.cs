using System.Diagnostics;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Times OATS (exact against randomized SVD, with the randomized result's accuracy) on a d×d layer and OSSCAR on a
/// consumer with d inputs at keep 0.5, on synthetic correlated activations with outlier channels. Prints one line a figure.
/// </summary>
public sealed class PaperMethodBenchmark(int features = 2048, int tokens = 4096, int oatsIterations = 3, long seed = 0)
{
    public void Run(TextWriter output)
    {
        using var scope = torch.NewDisposeScope();
        var (weight, activations) = SyntheticLayer();
        var gram = activations.T.matmul(activations);
        var squaredNorms = gram.diagonal().clone();
        output.WriteLine($"layer {features}x{features}, {tokens} tokens, {torch.get_num_threads()} threads; times are wall (process CPU)");

        var options = OatsOptions.Default(compression: 0.5) with { Iterations = oatsIterations };
        var (exact, exactTime) = MeasureIterations(weight, squaredNorms, options);
        var (randomized, randomizedTime) = MeasureIterations(weight, squaredNorms, options with { Svd = OatsSvd.Randomized });
        using (exact)
        using (randomized)
        {
            output.WriteLine($"OATS rank {exact.Parts[0].Budget.Rank}; per iteration = (time of {2 * oatsIterations} iterations − time of {oatsIterations}) / {oatsIterations}, so the set-up (scaling, budget, factors) is not counted");
            output.WriteLine($"OATS exact SVD:      {exactTime} per iteration, residual {exact.Residual:G6}");
            output.WriteLine($"OATS randomized SVD: {randomizedTime} per iteration, residual {randomized.Residual:G6}");
            var rank = exact.Parts[0].Budget.Rank;
            var (exactSvd, exactSvdTime) = Measure(() => TruncatedSvd.Exact(weight, rank));
            using var sketches = new torch.Generator((ulong)seed);
            var randomizedSvdTime = Enumerable.Range(0, 5)
                .Select(_ =>
                {
                    var (svd, time) = Measure(() => RandomizedSvd.Compute(weight, rank, sketches));
                    svd.Dispose();
                    return time;
                })
                .OrderBy(time => time.WallSeconds)
                .ElementAt(2);
            exactSvd.Dispose();
            output.WriteLine($"one SVD of the layer: exact {exactSvdTime}, randomized {randomizedSvdTime} (median of 5); " +
                $"OATS iteration / SVD: exact {exactTime.WallSeconds / exactSvdTime.WallSeconds:F2}, " +
                $"randomized {randomizedTime.WallSeconds / randomizedSvdTime.WallSeconds:F2}");
            var relative = (randomized.Weight - exact.Weight).norm().ToDouble() / exact.Weight.norm().ToDouble();
            var zero = RootedScalars.Zero;
            var maskAgreement = randomized.Parts[0].Sparse.ne(zero).eq(exact.Parts[0].Sparse.ne(zero)).to(torch.float64).mean().ToDouble();
            output.WriteLine($"OATS randomized vs exact: residual ratio {randomized.Residual / exact.Residual:F4}, " +
                $"‖ΔŴ‖/‖Ŵ‖ {relative:E2}, sparse-mask agreement {maskAgreement:P2}");
        }

        var (osscar, osscarTime) = Measure(() => Osscar.Prune(weight, gram, OsscarOptions.Default(keep: 0.5)));
        using (osscar)
        {
            output.WriteLine($"OSSCAR keep 0.5 of {features} neurons: {osscarTime}, objective {osscar.Loss:G6}");
        }
    }

    private (torch.Tensor Weight, torch.Tensor Activations) SyntheticLayer()
    {
        using var random = new torch.Generator((ulong)seed);
        var z = torch.randn(tokens, features, dtype: torch.float64, generator: random);
        var x = z * torch.logspace(0.7, -0.7, features, dtype: torch.float64);
        var outliers = torch.tensor(Enumerable.Range(0, 8).Select(i => (long)i * features / 8).ToArray());
        using var outlierScale = 20.0.ToScalar();
        x.index_copy_(1, outliers, x.index_select(1, outliers).mul_(outlierScale));
        var signal = torch.randn(features, 16, generator: random).matmul(torch.randn(16, features, generator: random));
        using var weightScale = 0.02.ToScalar();
        var weight = signal.add_(torch.randn(features, features, generator: random), RootedScalars.One).mul_(weightScale);
        return (weight, x);
    }

    /// <summary>The result of <paramref name="options"/>' iterations, and the time one more iteration adds.</summary>
    private static (OatsResult Result, Duration PerIteration) MeasureIterations(torch.Tensor weight, torch.Tensor squaredNorms, OatsOptions options)
    {
        var (result, time) = Measure(() => Oats.Decompose(weight, squaredNorms, 1, options));
        var (longer, longerTime) = Measure(() => Oats.Decompose(weight, squaredNorms, 1, options with { Iterations = 2 * options.Iterations }));
        longer.Dispose();
        return (result, (longerTime - time) / options.Iterations);
    }

    private static (T Result, Duration Time) Measure<T>(Func<T> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = run();
        process.Refresh();
        return (result, new Duration(watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds));
    }

    private readonly record struct Duration(double WallSeconds, double CpuSeconds)
    {
        public static Duration operator /(Duration d, int count) => new(d.WallSeconds / count, d.CpuSeconds / count);

        public static Duration operator -(Duration a, Duration b) => new(a.WallSeconds - b.WallSeconds, a.CpuSeconds - b.CpuSeconds);

        public override string ToString() => $"{WallSeconds:F3} s ({CpuSeconds:F3} s CPU)";
    }
}
