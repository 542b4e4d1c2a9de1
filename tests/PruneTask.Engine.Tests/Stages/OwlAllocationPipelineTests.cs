using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Stages;

public sealed class OwlAllocationPipelineTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    [Theory]
    [InlineData("magnitude", "sparsity")]
    [InlineData("wanda", "sparsity")]
    [InlineData("sparsegpt", "sparsity")]
    [InlineData("oats", "compression")]
    public void Owl_spreads_the_target_over_the_blocks_by_outlier_ratio_and_caches_everything(string method, string target)
    {
        var recipe = _workspace.Recipe($"""
            defaults:
              method: {method}
              {target}: 0.7
            {(method == "oats" ? "  iterations: 2\n" : "")}allocation:
              strategy: owl
              lambda: 0.08
            """);

        var first = _workspace.Run(recipe);
        var second = _workspace.Run(recipe);

        var blocks = first.Report.Blocks;
        Assert.All(blocks, b => Assert.NotNull(b.OutlierRatio));
        var targets = blocks.Select(b => double.Parse(b.Target, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0.7, targets.Average(), 9);
        Assert.Equal(0.16, targets.Max() - targets.Min(), 9);
        var lessPruned = blocks[Array.IndexOf(targets, targets.Min())];
        Assert.Equal(blocks.Max(b => b.OutlierRatio), lessPruned.OutlierRatio);
        Assert.All(second.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.All(second.Report.Blocks, b => Assert.NotEqual("miss", b.StatisticsCache));
    }

    [Fact]
    public void Owl_over_an_n_m_pattern_gives_each_block_its_own_pattern()
    {
        var result = _workspace.Run(_workspace.Recipe("""
            defaults:
              method: wanda
              pattern: "2:4"
            allocation:
              strategy: owl
              lambda: 2
            """));

        var blocks = result.Report.Blocks;
        Assert.Equal(["1:4", "3:4"], blocks.Select(b => b.Target).Order());
        Assert.Equal("3:4", blocks.MaxBy(b => b.OutlierRatio)!.Target);
        using var model = ModelLoader.Load(_workspace.Output);
        foreach (var linear in model.Linears)
        {
            var kept = int.Parse(blocks[linear.Spec.Block].Target[..1], System.Globalization.CultureInfo.InvariantCulture);
            using var weight = linear.ReadWeight();
            var nonzerosPerGroup = weight.ne(0).view(weight.shape[0], -1, 4).sum(2);
            Assert.True(nonzerosPerGroup.le(kept).all().item<bool>(), $"{linear.Spec.Name}: at most {kept} of every 4");
        }
    }

    public void Dispose() => _workspace.Dispose();
}
