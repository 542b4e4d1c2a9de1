using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Reporting;

/// <summary>A hand-made report.json model: three layers (one named to inject HTML), two OWL blocks, an evaluation and a failed gate.</summary>
internal static class SampleReports
{
    public const string HostileLayer = "model.layers.1.<script>alert(1)</script>|proj";

    public static RunReport ThreeLayers() => new()
    {
        ToolVersion = "0.0.1",
        Recipe = "/work/recipes/owl<b>.prune.yaml",
        Model = "models/tiny",
        Architecture = "LlamaForCausalLM",
        Layers =
        [
            Layer("model.layers.0.mlp.up_proj", 0, 0.62, 0.12),
            Layer("model.layers.0.mlp.down_proj", 0, 0.62, 0.2),
            Layer(HostileLayer, 1, 0.38, 0.05),
        ],
        Blocks =
        [
            new BlockReport { Block = 0, OutlierRatio = 0.08, Target = "0.62", Fraction = 0.62, StatisticsCache = "miss" },
            new BlockReport { Block = 1, OutlierRatio = 0.12, Target = "0.38", Fraction = 0.38, StatisticsCache = "hit" },
        ],
        Totals = new RunTotals
        {
            ParametersBefore = 3000, ParametersAfter = 1600, ZerosInDense = 1400, PhysicallyRemoved = 0,
            StatisticsHits = 1, StatisticsMisses = 1, LayerHits = 1, LayerMisses = 2,
        },
        Evaluation = new EvaluationReport { Metric = "perplexity", Dense = 10, Pruned = 11, Samples = 4, SequenceLength = 32, Cache = "miss" },
        QualityGate = new QualityGateReport { Field = "evaluate.max_perplexity_increase", MaxIncrease = 0.05, Increase = 0.1 },
        Stages = new SortedDictionary<string, StageFigures>(StringComparer.Ordinal)
        {
            ["calibrate"] = new() { Seconds = 0.5, Gflop = 2, GflopPerSecond = 4 },
            ["prune"] = new() { Seconds = 1.25, Gflop = 0 },
        },
    };

    private static LayerReport Layer(string name, int block, double sparsity, double error) => new()
    {
        Name = name,
        Block = block,
        Method = "wanda",
        Target = $"sparsity {sparsity}",
        Shape = [10, 100],
        AchievedSparsity = sparsity,
        RelativeReconstructionError = error,
        ParametersBefore = 1000,
        ParametersAfter = (long)(1000 * (1 - sparsity)),
        Seconds = 0.1,
        Cache = "miss",
    };
}
