using System.Globalization;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Stages;
using Spectre.Console;

namespace PruneTask.Cli;

/// <summary>The table `run` prints: every layer's target, achieved sparsity, error and cache figure, then the totals and perplexities.</summary>
public static class RunSummary
{
    public static void Print(TextWriter output, RunResult result)
    {
        var console = PlainConsole.Create(output);
        var report = result.Report;
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("layer", "method", "target", "sparsity", "rel. error", "cache");
        foreach (var layer in report.Layers)
        {
            table.AddRow(
                Markup.Escape(layer.Name),
                layer.Method,
                Markup.Escape(layer.Target),
                Format(layer.AchievedSparsity, "P1"),
                layer.RelativeReconstructionError is { } e ? Format(e, "F4") : "-",
                layer.Cache);
        }

        console.Write(table);
        var totals = report.Totals;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parameters {totals.ParametersBefore:N0} -> {totals.ParametersAfter:N0} nonzero; statistics cached {totals.StatisticsHits}/{totals.StatisticsHits + totals.StatisticsMisses} blocks, layers cached {totals.LayerHits}/{totals.LayerHits + totals.LayerMisses}"));
        foreach (var block in report.Blocks.Where(b => b.OutlierRatio is not null))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"block {block.Block}: outlier ratio {block.OutlierRatio:F3}% -> target {block.Target}"));
        }

        if (report.Evaluation is { } evaluation)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"perplexity: dense {evaluation.Dense:F3}, pruned {evaluation.Pruned:F3} ({evaluation.Samples} x {evaluation.SequenceLength} tokens)"));
        }

        console.WriteLine($"wrote {result.OutputDirectory}");
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
