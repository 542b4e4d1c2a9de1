using PruneTask.Engine.Reporting;
using PruneTask.Engine.Stages;
using PruneTask.Recipes.Model;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Tests.Stages;

public sealed class QualityGateTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    /// <summary>
    /// On random tokens pruning the random fixture model lowers perplexity; on text the dense model itself wrote
    /// (greedy, so it is confident) pruning raises it, as with a real model on real text.
    /// </summary>
    public QualityGateTests() => GreedyText.Write(Path.Combine(_workspace.Root, "greedy.bin"));

    [Fact]
    public void A_pruned_model_worse_than_the_bound_fails_the_gate_and_gets_reports_but_no_lock_file()
    {
        var result = _workspace.Run(_workspace.Recipe(Recipe(0.0001)));

        var gate = result.Report.QualityGate!;
        Assert.False(gate.Passed);
        Assert.Equal(result.Report.Evaluation!.RelativeChange, gate.Increase, 5);
        Assert.True(gate.Increase > 0.0001);
        Assert.False(File.Exists(Path.Combine(_workspace.Output, LockFile.FileName)));
        Assert.Contains("FAILED", File.ReadAllText(Path.Combine(_workspace.Output, MarkdownReport.FileName)), StringComparison.Ordinal);
        Assert.Contains("evaluate.max_perplexity_increase allows 0.01 %", QualityGate.Describe(gate, result.Report.Evaluation), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pruned_model_within_the_bound_passes_and_is_locked()
    {
        var result = _workspace.Run(_workspace.Recipe(Recipe(1000)));

        Assert.True(result.Report.QualityGate!.Passed);
        Assert.True(File.Exists(Path.Combine(_workspace.Output, LockFile.FileName)));
        Assert.True(File.Exists(Path.Combine(_workspace.Output, HtmlReport.FileName)));
    }

    [Fact]
    public void Without_the_field_there_is_no_gate()
    {
        var result = _workspace.Run(_workspace.Recipe(Recipe(null)));

        Assert.Null(result.Report.QualityGate);
        Assert.NotNull(result.Report.Evaluation);
    }

    [Fact]
    public void The_gate_is_refused_at_its_field_for_an_image_model_measured_by_accuracy()
    {
        var field = new Located<double>(0.05, new SourcePosition("vit.prune.yaml", 9, 28));
        var settings = new EvaluationSettings(new Located<string>("images", field.Position), TokenizerKind.Auto, "text", null, new Located<int>(0, field.Position), field.Position, field);
        var accuracy = new EvaluationReport { Metric = ImageEvaluationStage.AccuracyMetric, Dense = 0.9, Pruned = 0.8, Samples = 8, SequenceLength = 0, Cache = "miss" };

        var error = Assert.Throws<PruneRunException>(() => QualityGate.Measure(settings, accuracy));

        Assert.Equal(RunErrorCodes.Unsupported, error.Code);
        Assert.Equal(field.Position, error.Position);
    }

    public void Dispose() => _workspace.Dispose();

    private static string Recipe(double? maxIncrease) => $"""
        defaults:
          method: wanda
          sparsity: 0.7
        evaluate:
          dataset: greedy.bin
          sequence_length: 32
          samples: 4
        {(maxIncrease is { } m ? $"  max_perplexity_increase: {m.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "")}
        """;
}
