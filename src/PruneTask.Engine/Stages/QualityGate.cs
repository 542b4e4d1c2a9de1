using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// <c>evaluate.max_perplexity_increase</c>: measures the pruned model's perplexity against the dense one's.
/// Perplexity only; an image model's accuracy has no gate yet, so the field is refused for it.
/// </summary>
public static class QualityGate
{
    public const string Field = "evaluate.max_perplexity_increase";

    public static QualityGateReport? Measure(EvaluationSettings settings, EvaluationReport evaluation)
    {
        if (settings.MaxPerplexityIncrease is not { } limit)
        {
            return null;
        }

        if (evaluation.Metric != EvaluationReport.PerplexityMetric)
        {
            throw new PruneRunException(
                RunErrorCodes.Unsupported, $"{Field} applies to language models (perplexity); this model is evaluated by {evaluation.Metric}.", limit.Position);
        }

        return new QualityGateReport { Field = Field, MaxIncrease = limit.Value, Increase = Math.Round(evaluation.RelativeChange, 6) };
    }

    /// <summary>The error a failed gate reports at the recipe field: by how much the bound was exceeded.</summary>
    public static string Describe(QualityGateReport gate, EvaluationReport evaluation) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The pruned model's perplexity {evaluation.Pruned:F3} is {gate.Increase:P2} above the dense model's {evaluation.Dense:F3}; {Field} allows {gate.MaxIncrease:P2} ({gate.Increase - gate.MaxIncrease:P2} over).");
}
