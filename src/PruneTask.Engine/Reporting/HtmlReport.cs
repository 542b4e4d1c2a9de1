using System.Net;
using System.Text;

namespace PruneTask.Engine.Reporting;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the summary, bar charts
/// of every layer's removed fraction and reconstruction error and of OWL's blocks, and the per-layer table. Every string
/// from the recipe or the model is HTML-encoded.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";


    public const string SparsityColour = "#4c78a8";
    public const string ErrorColour = "#f58518";
    public const string OutlierColour = "#54a24b";
    public const string BlockSparsityColour = "#b279a2";

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
        table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left}
        td.n{text-align:right}.failed{color:#b00020;font-weight:bold}.passed{color:#1b7f3b}
        svg text{font-size:11px;fill:#444}
        """;

    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>Pruning report: ").Append(Encode(Path.GetFileName(report.Recipe))).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Pruning report: ").Append(Encode(Path.GetFileName(report.Recipe))).Append("</h1>");
        Summary(html, report);
        const string removed = "Parameters removed per layer (sparsity, or 1 − kept fraction)";
        Chart(html, removed, new SvgBarChart(removed, SparsityColour, [.. report.Layers.Select(l => (l.Name, ReportText.RemovedFraction(l)))]) { Maximum = 1 });
        var errors = report.Layers.Where(l => l.RelativeReconstructionError is not null).ToList();
        if (errors.Count > 0)
        {
            Chart(html, "Relative reconstruction error per layer", new SvgBarChart("Relative reconstruction error per layer", ErrorColour,
                [.. errors.Select(l => (l.Name, l.RelativeReconstructionError!.Value))]));
        }

        var owl = report.Blocks.Where(b => b.OutlierRatio is not null).ToList();
        if (owl.Count > 0)
        {
            Chart(html, "OWL: outlier ratio per block (%)", new SvgBarChart("OWL: outlier ratio per block (%)", OutlierColour,
                [.. owl.Select(b => ($"block {b.Block}", b.OutlierRatio!.Value))]));
            Chart(html, "OWL: chosen sparsity per block", new SvgBarChart("OWL: chosen sparsity per block", BlockSparsityColour,
                [.. owl.Where(b => b.Fraction is not null).Select(b => ($"block {b.Block}", b.Fraction!.Value))]) { Maximum = 1 });
        }

        html.Append("<h2>Layers</h2>");
        Table(html, ReportText.LayerHeader, ReportText.LayerNumeric, report.Layers.Select(ReportText.LayerRow));
        html.Append("<h2>Time per stage</h2>");
        Table(html, ReportText.StageHeader, ReportText.StageNumeric, report.Stages.Select(s => ReportText.StageRow(s.Key, s.Value)));
        return html.Append("</body></html>\n").ToString();
    }

    private static void Summary(StringBuilder html, RunReport report)
    {
        html.Append("<table>");
        foreach (var (label, value, passed) in ReportText.Summary(report))
        {
            html.Append("<tr><th>").Append(Encode(label)).Append("</th><td");
            if (passed is { } ok)
            {
                html.Append(" class=\"").Append(ok ? "passed" : "failed").Append('"');
            }

            html.Append('>').Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Table(StringBuilder html, string[] header, bool[] numeric, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>");
        foreach (var name in header)
        {
            html.Append("<th>").Append(Encode(name)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                html.Append(numeric[i] ? "<td class=\"n\">" : "<td>").Append(Encode(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void Chart(StringBuilder html, string title, SvgBarChart chart) =>
        html.Append("<h2>").Append(Encode(title)).Append("</h2>").Append(chart.Render());

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
