using System.Globalization;

namespace PruneTask.Engine.Reporting;

/// <summary>
/// The sentences and numbers report.md, report.html and `dotnet prune report` show for a <see cref="RunReport"/>,
/// worded once so the formats cannot disagree.
/// </summary>
public static class ReportText
{
    public static string Methods(RunReport report) => string.Join(", ", report.Layers.Select(l => l.Method).Distinct());

    /// <summary>The distinct targets; with more than two (OWL gives each block its own) the first and how many.</summary>
    public static string Targets(RunReport report)
    {
        var distinct = report.Layers.Select(l => l.Target).Distinct().ToList();
        return distinct.Count <= 2 ? string.Join(", ", distinct) : $"{distinct[0]}, … ({distinct.Count})";
    }

    /// <summary>Zero or removed weights over the pruned layers' weights, weighted by layer size; null without layers.</summary>
    public static double? Sparsity(RunReport report)
    {
        var before = report.Layers.Sum(l => l.ParametersBefore);
        return before == 0 ? null : report.Layers.Sum(l => l.AchievedSparsity * l.ParametersBefore) / before;
    }

    /// <summary>1 − parameters after / before: the sparsity for unstructured and N:M pruning, the compression for OATS, the removed units for OSSCAR and norm.</summary>
    public static double RemovedFraction(LayerReport layer) =>
        layer.ParametersBefore == 0 ? 0 : 1 - ((double)layer.ParametersAfter / layer.ParametersBefore);

    public static double? MeanError(RunReport report)
    {
        var errors = report.Layers.Select(l => l.RelativeReconstructionError).OfType<double>().ToList();
        return errors.Count == 0 ? null : errors.Average();
    }

    public static string Parameters(RunTotals totals)
    {
        var fewer = totals.ParametersBefore == 0 ? 0 : 1 - ((double)totals.ParametersAfter / totals.ParametersBefore);
        var text = Invariant($"{totals.ParametersBefore:N0} → {totals.ParametersAfter:N0} nonzero ({fewer:P1} fewer)");
        return totals.PhysicallyRemoved == 0 ? text : text + Invariant($"; {totals.PhysicallyRemoved:N0} physically removed by the output format");
    }

    public static string Evaluation(EvaluationReport evaluation)
    {
        var data = evaluation.SequenceLength == 0 ? $"{evaluation.Samples} images" : $"{evaluation.Samples} × {evaluation.SequenceLength} tokens";
        return Invariant($"{evaluation.Metric}: dense {evaluation.Dense:F3}, pruned {evaluation.Pruned:F3} ({Change(evaluation.RelativeChange)}; {data})");
    }

    public static string Gate(QualityGateReport gate) => gate.Passed
        ? $"passed: perplexity {Change(gate.Increase)}, {gate.Field} allows {Change(gate.MaxIncrease)}"
        : $"FAILED: perplexity {Change(gate.Increase)}, {gate.Field} allows {Change(gate.MaxIncrease)} ({Percent2(gate.Increase - gate.MaxIncrease)} over)";

    public static string Cache(RunTotals totals) =>
        $"statistics {totals.StatisticsHits}/{totals.StatisticsHits + totals.StatisticsMisses} blocks, layers {totals.LayerHits}/{totals.LayerHits + totals.LayerMisses}";

    public static string Change(double relative) => Invariant($"{(relative >= 0 ? "+" : "")}{relative:P2}");

    private static string Percent2(double value) => Invariant($"{value:P2}");

    public static string Percent(double? value) => value is { } v ? Invariant($"{v:P1}") : "-";

    public static string Number(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => Invariant($"{value:F2} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
