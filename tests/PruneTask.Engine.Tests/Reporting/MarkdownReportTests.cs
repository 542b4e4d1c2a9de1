using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private readonly string _markdown = MarkdownReport.Render(SampleReports.ThreeLayers());

    [Fact]
    public void The_layer_table_has_one_row_per_layer_with_its_figures()
    {
        var rows = _markdown.Split('\n').Where(l => l.StartsWith("| model.layers.", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("| model.layers.0.mlp.up_proj | 0 | wanda | sparsity 0.62 | 62.0 % | 0.1200 | 1,000 | 380 | 0.10 | miss |", rows[0]);
    }

    [Fact]
    public void The_summary_gives_perplexity_change_gate_and_cache_figures()
    {
        Assert.Contains("| Evaluation | perplexity: dense 10.000, pruned 11.000 (+10.00 %; 4 × 32 tokens) |", _markdown, StringComparison.Ordinal);
        Assert.Contains("FAILED: perplexity +10.00 %, evaluate.max_perplexity_increase allows +5.00 % (5.00 % over)", _markdown, StringComparison.Ordinal);
        Assert.Contains("| Cache hits | statistics 1/2 blocks, layers 1/3 |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| prune | 1.25 |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 0.120% | 0.38 |", _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layer_name_cannot_break_the_table_or_inject_html()
    {
        Assert.DoesNotContain("<script>", _markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|proj", _markdown, StringComparison.Ordinal);
    }
}
