using System.Net;
using System.Text;
using PruneTask.Engine.Reporting;
using Spectre.Console;

namespace PruneTask.Cli.Commands;

/// <summary>A <see cref="RunComparison"/> as text tables (runs, then per-layer differences), drawn for a terminal, Markdown or HTML.</summary>
internal sealed record ComparisonTables(IReadOnlyList<(string Title, string[] Headers, IReadOnlyList<string[]> Rows)> Tables)
{
    public static ComparisonTables Of(RunComparison comparison)
    {
        var runs = comparison.Runs.Select(r => new[]
        {
            r.Output, r.Methods, r.Targets, ReportText.Percent(r.Sparsity), ReportText.Number(r.MeanError),
            ReportText.Number(r.PerplexityDense, "F3"), ReportText.Number(r.PerplexityPruned, "F3"),
            r.PerplexityChange is { } c ? ReportText.Change(c) : "-", r.GatePassed switch { true => "passed", false => "FAILED", null => "-" },
        }).ToList();
        var tables = new List<(string, string[], IReadOnlyList<string[]>)>
        {
            ("runs", ["output", "methods", "targets", "sparsity", "mean rel. error", "ppl dense", "ppl pruned", "ppl change", "gate"], runs),
        };
        if (comparison.LayerDifferences.Count > 0)
        {
            var a = comparison.Runs[0].Output;
            var b = comparison.Runs[1].Output;
            var layers = comparison.LayerDifferences.Select(d => new[]
            {
                d.Layer, ReportText.Percent(d.SparsityA), ReportText.Percent(d.SparsityB), Signed(d.SparsityChange, "P1"),
                ReportText.Number(d.ErrorA), ReportText.Number(d.ErrorB), Signed(d.ErrorChange, "F4"),
            }).ToList();
            tables.Add(($"per-layer differences, A = {a}, B = {b}", ["layer", "sparsity A", "sparsity B", "B − A", "rel. error A", "rel. error B", "B − A"], layers));
        }

        return new ComparisonTables(tables);
    }

    public void WriteTerminal(TextWriter output)
    {
        var console = PlainConsole.Create(output);
        foreach (var (title, headers, rows) in Tables)
        {
            var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title)).AddColumns(headers.Select(Markup.Escape).ToArray());
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            console.Write(table);
        }
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        foreach (var (title, headers, rows) in Tables)
        {
            md.Append("## ").AppendLine(MarkdownReport.Cell(title)).AppendLine();
            MarkdownReport.Row(md, headers);
            md.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
            foreach (var row in rows)
            {
                MarkdownReport.Row(md, row);
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    public string Html()
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pruning runs compared</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:2px 8px}</style></head><body>");
        foreach (var (title, headers, rows) in Tables)
        {
            html.Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2><table><tr>");
            html.AppendJoin("", headers.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")).Append("</tr>");
            foreach (var row in rows)
            {
                html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>")).Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Signed(double? value, string format) =>
        value is { } v ? (v >= 0 ? "+" : "") + v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
}
