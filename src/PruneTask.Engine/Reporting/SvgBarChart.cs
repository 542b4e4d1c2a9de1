using System.Globalization;
using System.Net;
using System.Text;

namespace PruneTask.Engine.Reporting;

/// <summary>
/// An inline SVG bar chart: one <c>&lt;rect class="bar"&gt;</c> per value, scaled to the largest value (or to
/// <see cref="Maximum"/>), each with its label as a tooltip. No other rect is drawn, so bars can be counted.
/// </summary>
public sealed record SvgBarChart(string Title, string Colour, IReadOnlyList<(string Label, double Value)> Bars)
{
    private const double Width = 860;
    private const double Height = 200;
    private const double Left = 50;
    private const double Bottom = 20;

    /// <summary>The value at the top of the axis; null to use the largest bar.</summary>
    public double? Maximum { get; init; }

    public string Render()
    {
        var top = Maximum ?? Math.Max(Bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), 1e-12);
        var slot = (Width - Left) / Math.Max(1, Bars.Count);
        var plot = Height - Bottom;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\">"));
        svg.Append("<title>").Append(WebUtility.HtmlEncode(Title)).Append("</title>");
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{plot}\" x2=\"{Width}\" y2=\"{plot}\" stroke=\"#888\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"0\" x2=\"{Left}\" y2=\"{plot}\" stroke=\"#888\"/>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"10\" text-anchor=\"end\">{Axis(top)}</text>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{plot}\" text-anchor=\"end\">0</text>"));
        for (var i = 0; i < Bars.Count; i++)
        {
            var (label, value) = Bars[i];
            var height = Math.Clamp(value / top, 0, 1) * plot;
            var width = Math.Clamp(slot * 0.8, 1, 60);
            svg.Append(Invariant(
                $"<rect class=\"bar\" x=\"{Left + (i * slot) + ((slot - width) / 2):F2}\" y=\"{plot - height:F2}\" width=\"{width:F2}\" height=\"{height:F2}\" fill=\"{Colour}\">"));
            svg.Append("<title>").Append(WebUtility.HtmlEncode($"{label}: {Axis(value)}")).Append("</title></rect>");
        }

        if (Bars.Count > 0)
        {
            svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 4}\">{WebUtility.HtmlEncode(Bars[0].Label)}</text>"));
            svg.Append(Invariant($"<text x=\"{Width}\" y=\"{Height - 4}\" text-anchor=\"end\">{WebUtility.HtmlEncode(Bars[^1].Label)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Axis(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
