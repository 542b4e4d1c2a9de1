using System.Text.RegularExpressions;
using System.Xml.Linq;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Reporting;

public sealed partial class HtmlReportTests
{
    private readonly string _html = HtmlReport.Render(SampleReports.ThreeLayers());

    [Fact]
    public void Each_layer_chart_has_one_bar_per_layer_and_each_owl_chart_one_per_block()
    {
        Assert.Equal(3, Bars(HtmlReport.SparsityColour));
        Assert.Equal(3, Bars(HtmlReport.ErrorColour));
        Assert.Equal(2, Bars(HtmlReport.OutlierColour));
        Assert.Equal(2, Bars(HtmlReport.BlockSparsityColour));
        Assert.Equal(10, Regex.Count(_html, "<rect "));
    }

    [Fact]
    public void Bars_are_scaled_to_their_value()
    {
        var heights = BarHeights(HtmlReport.SparsityColour);

        Assert.Equal(0.62 / 0.38, heights[0] / heights[2], 3);
    }

    [Fact]
    public void Strings_from_the_recipe_and_model_are_escaped()
    {
        Assert.DoesNotContain("<script", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", _html, StringComparison.Ordinal);
        Assert.Contains("model.layers.1.&lt;script&gt;alert(1)&lt;/script&gt;|proj", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_and_every_svg_is_well_formed()
    {
        Assert.DoesNotMatch(ExternalReference(), _html);
        foreach (Match svg in Svg().Matches(_html))
        {
            _ = XElement.Parse(svg.Value);
        }

        Assert.Equal(4, Svg().Count(_html));
    }

    [Fact]
    public void Without_owl_or_errors_only_the_sparsity_chart_is_drawn()
    {
        var report = SampleReports.ThreeLayers();
        var html = HtmlReport.Render(report with
        {
            Blocks = [.. report.Blocks.Select(b => b with { OutlierRatio = null })],
            Layers = [.. report.Layers.Select(l => l with { RelativeReconstructionError = null })],
        });

        Assert.Equal(1, Svg().Count(html));
    }

    private int Bars(string colour) => BarHeights(colour).Count;

    private List<double> BarHeights(string colour) =>
        [.. Bar().Matches(_html).Where(m => m.Groups["fill"].Value == colour).Select(m => double.Parse(m.Groups["height"].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("<rect class=\"bar\"[^>]* height=\"(?<height>[0-9.]+)\" fill=\"(?<fill>#[0-9a-f]{6})\">")]
    private static partial Regex Bar();

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex(@"<script|\ssrc=|\shref=|@import|url\(|<link", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
