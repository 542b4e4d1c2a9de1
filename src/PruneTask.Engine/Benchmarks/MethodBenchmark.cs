using PruneTask.Engine.Stages;
using System.Diagnostics;
using System.Globalization;
using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Times every registered method case on one seeded [size, size] linear calibrated on sequences × sequenceLength
/// tokens, and prints each time next to its operation count divided by the measured float32 matmul rate (the time
/// the work would take at matmul speed). More cases can be added to <see cref="Cases"/> before <see cref="Run"/>.
/// </summary>
public sealed class MethodBenchmark(int size = 2048, int sequences = 64, int sequenceLength = 512, ulong seed = 0)
{
    private static readonly PruneTarget Half = new PruneTarget.Sparsity(0.5);
    private static readonly PruneTarget TwoOfFour = new PruneTarget.Pattern(new NmPattern(2, 4));

    public List<BenchmarkCase> Cases { get; } =
    [
        new("magnitude 50%", new Magnitude(), Half, OperationCounts.MagnitudeLayer),
        new("magnitude 2:4", new Magnitude(), TwoOfFour, (o, i) => OperationCounts.MagnitudeGroups(o, i, 4)),
        new("wanda 50%", new Wanda(), Half, OperationCounts.WandaRows),
        new("wanda 2:4", new Wanda(), TwoOfFour, (o, i) => OperationCounts.WandaGroups(o, i, 4)),
        new("sparsegpt 50%", new SparseGpt(), Half, (o, i) => OperationCounts.SparseGpt(o, i, SparseGptSettings.Default.BlockSize)),
        new("sparsegpt 2:4", new SparseGpt(), TwoOfFour, (o, i) => OperationCounts.SparseGpt(o, i, SparseGptSettings.Default.BlockSize)),
    ];

    public void Run(TextWriter output)
    {
        var rate = MatmulRate.Measure(size);
        output.WriteLine(Invariant($"layer {size}×{size}, calibration {sequences}×{sequenceLength} tokens, seed {seed}, {torch.get_num_threads()} threads; each case the median of {TimedRuns} runs after one untimed"));
        output.WriteLine(Invariant($"float32 matmul {size}² : {rate / 1e9:F1} GFLOP/s"));

        var gramTime = new Stopwatch();
        using var weight = BenchmarkLayer.Weight(size, seed);
        using var statistics = BenchmarkLayer.Statistics(size, sequences, sequenceLength, seed, gramTime);
        var gramOperations = OperationCounts.SymmetricGram(sequences * sequenceLength, size);
        output.WriteLine(Invariant(
            $"calibration Gram XᵀX (not part of the methods): {gramTime.Elapsed.TotalSeconds:F2} s, {gramOperations / 1e9:F1} GFLOP, {gramTime.Elapsed.TotalSeconds * rate / gramOperations:F1}× its time at matmul speed"));
        output.WriteLine();
        output.WriteLine(Invariant($"{"case",-22} {"time ms",10} {"GFLOP",9} {"at matmul ms",13} {"ratio",8}"));
        foreach (var benchmarkCase in Cases)
        {
            var seconds = Time(benchmarkCase, weight, statistics);
            var operations = benchmarkCase.OperationCount(size, size);
            var ideal = operations / rate;
            output.WriteLine(Invariant($"{benchmarkCase.Name,-22} {seconds * 1e3,10:F1} {operations / 1e9,9:F2} {ideal * 1e3,13:F1} {seconds / ideal,8:F1}"));
        }
    }

    /// <summary>Timed runs per case after one untimed run; the median is printed.</summary>
    private const int TimedRuns = 5;

    /// <summary>The median of <see cref="TimedRuns"/> runs after one that is not timed (it pays JIT compilation and first page faults, which a model's later layers do not).</summary>
    private static double Time(BenchmarkCase benchmarkCase, torch.Tensor weight, LayerStatistics statistics)
    {
        var request = new LayerPruneRequest(weight, statistics, benchmarkCase.Target, benchmarkCase.Options);
        var seconds = new double[TimedRuns + 1];
        for (var run = 0; run < seconds.Length; run++)
        {
            var watch = Stopwatch.StartNew();
            using var pruned = benchmarkCase.Method.Prune(request);
            seconds[run] = watch.Elapsed.TotalSeconds;
        }

        return seconds.Skip(1).Order().ElementAt(TimedRuns / 2);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
