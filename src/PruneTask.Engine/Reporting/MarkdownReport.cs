using System.Text;

namespace PruneTask.Engine.Reporting;

/// <summary>report.md: the run's summary, one table row per layer, OWL's blocks and the time per stage (GitHub-flavoured Markdown).</summary>
public static class MarkdownReport
{
    public const string FileName = "report.md";


    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.Append("# Pruning report: ").AppendLine(Cell(Path.GetFileName(report.Recipe))).AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (label, value, _) in ReportText.Summary(report))
        {
            Row(md, label, value);
        }

        md.AppendLine().AppendLine("## Layers").AppendLine();
        Row(md, ReportText.LayerHeader);
        Alignment(md, ReportText.LayerNumeric);
        foreach (var layer in report.Layers)
        {
            Row(md, ReportText.LayerRow(layer));
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
        Row(md, ReportText.StageHeader);
        Alignment(md, ReportText.StageNumeric);
        foreach (var (stage, figures) in report.Stages)
        {
            Row(md, ReportText.StageRow(stage, figures));
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

    /// <summary>The delimiter row: numbers right-aligned.</summary>
    private static void Alignment(StringBuilder md, bool[] numeric) =>
        md.Append('|').AppendJoin(string.Empty, numeric.Select(n => n ? "--:|" : "---|")).AppendLine();

    public static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells.Select(Cell)).AppendLine(" |");
}
