using System.Text;

namespace PruneTask.Engine.Reporting;

/// <summary>report.md: the run's summary, one table row per layer, OWL's blocks and the time per stage (GitHub-flavoured Markdown).</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.Append("# Pruning report: ").AppendLine(Cell(Path.GetFileName(report.Recipe))).AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        Row(md, "Model", $"{report.Model} ({report.Architecture})");
        Row(md, "Recipe", report.Recipe);
        Row(md, "Methods", ReportText.Methods(report));
        Row(md, "Sparsity of the pruned layers", ReportText.Percent(ReportText.Sparsity(report)));
        Row(md, "Parameters", ReportText.Parameters(report.Totals));
        if (report.Evaluation is { } evaluation)
        {
            Row(md, "Evaluation", ReportText.Evaluation(evaluation));
        }

        if (report.QualityGate is { } gate)
        {
            Row(md, "Quality gate", ReportText.Gate(gate));
        }

        Row(md, "Cache hits", ReportText.Cache(report.Totals));
        Row(md, "Tool", $"dotnet-prune {report.ToolVersion}");

        md.AppendLine().AppendLine("## Layers").AppendLine();
        Row(md, "layer", "block", "method", "target", "sparsity", "rel. error", "parameters before", "parameters after", "seconds", "cache");
        md.AppendLine("|---|--:|---|---|--:|--:|--:|--:|--:|---|");
        foreach (var layer in report.Layers)
        {
            Row(md, layer.Name, layer.Block.ToString(System.Globalization.CultureInfo.InvariantCulture), layer.Method, layer.Target,
                ReportText.Percent(layer.AchievedSparsity), ReportText.Number(layer.RelativeReconstructionError),
                ReportText.Count(layer.ParametersBefore), ReportText.Count(layer.ParametersAfter), ReportText.Number(layer.Seconds, "F2"), layer.Cache);
        }

        if (report.Blocks.Any(b => b.OutlierRatio is not null))
        {
            md.AppendLine().AppendLine("## Blocks (OWL allocation)").AppendLine();
            Row(md, "block", "outlier ratio", "target");
            md.AppendLine("|--:|--:|---|");
            foreach (var block in report.Blocks)
            {
                Row(md, block.Block.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{ReportText.Number(block.OutlierRatio, "F3")}%", block.Target);
            }
        }

        md.AppendLine().AppendLine("## Time per stage").AppendLine();
        Row(md, "stage", "seconds", "GFLOP", "GFLOP/s");
        md.AppendLine("|---|--:|--:|--:|");
        foreach (var (stage, figures) in report.Stages)
        {
            Row(md, stage, ReportText.Number(figures.Seconds, "F2"), ReportText.Number(figures.Gflop, "F1"), ReportText.Number(figures.GflopPerSecond, "F1"));
        }

        return md.ToString();
    }

    /// <summary>Text that stays one table cell: no pipe, line break or HTML (GitHub renders inline HTML in summaries).</summary>
    public static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .ReplaceLineEndings(" ");

    public static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells.Select(Cell)).AppendLine(" |");
}
