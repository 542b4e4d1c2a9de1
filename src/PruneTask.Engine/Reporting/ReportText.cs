using System.Globalization;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Reporting;

/// <summary>
/// The sentences and numbers report.md, report.html and `dotnet prune report` show for a <see cref="RunReport"/>,
/// worded once so the formats cannot disagree.
/// </summary>
public static class ReportText
{
    /// <summary>A layer's or block's target value as the tables show it: the pattern, or the fraction to four places.</summary>
    public static string Target(PruneTarget target) =>
        target is PruneTarget.Pattern pattern ? pattern.Ratio.ToString() : target.Fraction.ToString("0.####", CultureInfo.InvariantCulture);

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

    /// <summary>The summary both readable reports open with, as label and value; <c>Passed</c> only on the quality gate's row.</summary>
    public static IEnumerable<(string Label, string Value, bool? Passed)> Summary(RunReport report)
    {
        yield return ("Model", $"{report.Model} ({report.Architecture})", null);
        yield return ("Recipe", report.Recipe, null);
        yield return ("Methods", Methods(report), null);
        yield return ("Sparsity of the pruned layers", Percent(Sparsity(report)), null);
        yield return ("Parameters", Parameters(report.Totals), null);
        if (report.Evaluation is { } evaluation)
        {
            yield return ("Evaluation", Evaluation(evaluation), null);
        }

        if (report.QualityGate is { } gate)
        {
            yield return ("Quality gate", Gate(gate), gate.Passed);
        }

        yield return ("Cache hits", Cache(report.Totals), null);
        yield return ("Tool", $"dotnet-prune {report.ToolVersion}", null);
    }

    /// <summary>The per-layer table's header; <see cref="LayerRow"/> gives a row, <see cref="LayerNumeric"/> which columns are numbers.</summary>
    public static readonly string[] LayerHeader = ["layer", "block", "method", "target", "sparsity", "rel. error", "parameters before", "parameters after", "seconds", "cache"];

    public static readonly bool[] LayerNumeric = [false, true, false, false, true, true, true, true, true, false];

    public static string[] LayerRow(LayerReport layer) =>
    [
        layer.Name, layer.Block.ToString(CultureInfo.InvariantCulture), layer.Method, layer.Target, Percent(layer.AchievedSparsity),
        Number(layer.RelativeReconstructionError), Count(layer.ParametersBefore), Count(layer.ParametersAfter), Number(layer.Seconds, "F2"), layer.Cache,
    ];

    /// <summary>The time-per-stage table's header; every column but the first is a number.</summary>
    public static readonly string[] StageHeader = ["stage", "seconds", "GFLOP", "GFLOP/s"];

    public static readonly bool[] StageNumeric = [false, true, true, true];

    public static string[] StageRow(string stage, StageFigures figures) =>
        [stage, Number(figures.Seconds, "F2"), Number(figures.Gflop, "F1"), Number(figures.GflopPerSecond, "F1")];

    private static string Percent2(double value) => Invariant($"{value:P2}");

    public static string Percent(double? value) => value is { } v ? Invariant($"{v:P1}") : "-";

    public static string Number(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => Invariant($"{value:F2} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
