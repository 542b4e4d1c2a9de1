using PruneTask.Engine.Stages;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Tests.Benchmarks;

public class MethodBenchmarkTests
{
    [Fact]
    public void A_small_run_prints_a_row_for_every_case_including_added_ones()
    {
        var benchmark = new MethodBenchmark(size: 128, sequences: 2, sequenceLength: 64);
        benchmark.Cases.Add(new BenchmarkCase("magnitude by row", new Magnitude(), new PruneTarget.Sparsity(0.5), OperationCounts.MagnitudeLayer)
        {
            Options = MethodOptions.Defaults(Magnitude.MethodName).With(OptionNames.Scope, "row"),
        });
        using var output = new StringWriter();
        benchmark.Run(output);

        var text = output.ToString();
        Assert.Contains("GFLOP/s", text);
        var rows = text.Split('\n').Where(line => benchmark.Cases.Any(c => line.StartsWith(c.Name + " ", StringComparison.Ordinal))).ToList();
        Assert.Equal(benchmark.Cases.Count, rows.Count);
    }

    [Fact]
    public void The_sparsegpt_count_adds_the_factorizations_to_the_column_work()
    {
        Assert.Equal((64.0 * 64 * 64) + (32 * 64 * (128 + 64 + 10)), OperationCounts.SparseGpt(32, 64, 128), 6);
        Assert.Equal(16 * 16 * (2 + 4), OperationCounts.WandaRows(16, 16), 9);
    }
}
