namespace PruneTask.Engine.Reporting;

/// <summary>report.json: what a run did, layer by layer, with totals and timings.</summary>
public sealed record RunReport
{
    public const string FileName = "report.json";


    public required string ToolVersion { get; init; }

    public required string Recipe { get; init; }

    public required string Model { get; init; }

    public required string Architecture { get; init; }

    public required IReadOnlyList<LayerReport> Layers { get; init; }

    public required IReadOnlyList<BlockReport> Blocks { get; init; }

    public required RunTotals Totals { get; init; }

    public EvaluationReport? Evaluation { get; init; }

    /// <summary>model.onnx checked against the engine with ONNX Runtime; null when the recipe writes no ONNX file.</summary>
    public Export.Onnx.OnnxCheck? Onnx { get; init; }

    /// <summary>The recipe's quality gate (<c>evaluate.max_perplexity_increase</c>) and whether the pruned model passed it.</summary>
    public QualityGateReport? QualityGate { get; init; }

    /// <summary>
    /// Per stage (load, fingerprint, calibrate, allocate, prune, propagate, evaluate, export; see Stages/Stage): the
    /// time, the counted floating-point work and the rate that makes, so a run states its own distance from the
    /// machine's limit. Export's own time is not in report.json, which it writes.
    /// </summary>
    public required IReadOnlyDictionary<string, StageFigures> Stages { get; init; }
}

/// <summary>Parameter counts and cache figures over the whole run.</summary>
public sealed record RunTotals
{
    public required long ParametersBefore { get; init; }

    public required long ParametersAfter { get; init; }

    /// <summary>Weights that are zero in the dense output (unstructured and N:M pruning).</summary>
    public required long ZerosInDense { get; init; }

    /// <summary>Weights physically removed (shrunk structured output, factored OATS).</summary>
    public required long PhysicallyRemoved { get; init; }

    public required int StatisticsHits { get; init; }

    public required int StatisticsMisses { get; init; }

    public required int LayerHits { get; init; }

    public required int LayerMisses { get; init; }
}

/// <summary>Perplexity of the dense and the pruned model on the evaluation data.</summary>
public sealed record EvaluationReport
{
    public const string PerplexityMetric = "perplexity";

    public required string Metric { get; init; }

    public required double Dense { get; init; }

    public required double Pruned { get; init; }

    public required int Samples { get; init; }

    public required int SequenceLength { get; init; }

    public required string Cache { get; init; }

    /// <summary>(pruned − dense) / dense: +0.04 is 4% higher perplexity.</summary>
    public double RelativeChange => Dense == 0 ? 0 : (Pruned - Dense) / Dense;
}

/// <summary>The quality gate: pruned perplexity may exceed dense by at most <see cref="MaxIncrease"/> (relative).</summary>
public sealed record QualityGateReport
{
    public required string Field { get; init; }

    public required double MaxIncrease { get; init; }

    public required double Increase { get; init; }

    public bool Passed => Increase <= MaxIncrease;
}

/// <summary>One stage of a run in report.json: its time, the floating-point work it counted, and the rate that makes.</summary>
public sealed record StageFigures
{
    public required double Seconds { get; init; }

    /// <summary>Counted floating-point operations, in 10⁹ (closed-form counts, see Stages/OperationCounts).</summary>
    public required double Gflop { get; init; }

    /// <summary>Gflop / Seconds, or null when the stage did no counted work or took no measurable time.</summary>
    public double? GflopPerSecond { get; init; }
}

/// <summary>Per-block allocation figures: OWL's outlier ratio and the sparsity (or pattern) chosen for the block.</summary>
public sealed record BlockReport
{
    public required int Block { get; init; }

    public double? OutlierRatio { get; init; }

    public required string Target { get; init; }

    /// <summary>The mean fraction (sparsity, or compression for OATS) chosen for the block's layers; null for N:M patterns.</summary>
    public double? Fraction { get; init; }

    /// <summary>"hit" when the block's calibration statistics came from the cache.</summary>
    public required string StatisticsCache { get; init; }
}
