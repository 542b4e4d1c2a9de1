using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Stages;

public sealed class FactoredOutputTests : IDisposable
{
    private const float Tolerance = 1e-4f;

    private readonly PipelineWorkspace _workspace = new();

    [Theory]
    [InlineData("tiny-llama-gqa")]
    [InlineData("tiny-opt")]
    [InlineData("tiny-phi3")]
    [InlineData("tiny-gpt2")]
    public void The_factored_output_loads_back_to_the_dense_outputs_logits(string fixture)
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Oats, fixture: fixture), "dense");

        var factored = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Oats, fixture: fixture, format: "factored"), "factored");

        Assert.All(factored.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.Equal(factored.Report.Totals.ParametersBefore - factored.Report.Totals.ParametersAfter, factored.Report.Totals.PhysicallyRemoved);
        using var dense = OutputLogits.Of(Path.Combine(_workspace.Root, "dense"), fixture);
        using var rebuilt = OutputLogits.Of(Path.Combine(_workspace.Root, "factored"), fixture);
        using var computed = OutputLogits.Of(Path.Combine(_workspace.Root, "factored"), fixture, new ModelOptions { ComputeFactored = true });
        Assert.True(OutputLogits.MaxDifference(dense, rebuilt) <= Tolerance, "dense weights rebuilt from the factors");
        Assert.True(OutputLogits.MaxDifference(dense, computed) <= Tolerance, "layers computed from the factors");
    }

    [Fact]
    public void Each_factored_layer_is_a_csr_sparse_part_and_two_low_rank_factors_listed_in_prune_config()
    {
        var result = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Oats, format: "factored"));

        var format = FactoredFormat.Read(_workspace.Output)!;
        Assert.Equal(14, format.Layers.Count);
        using var weights = SafetensorsFile.Open(Path.Combine(_workspace.Output, "model.safetensors"));
        foreach (var report in result.Report.Layers)
        {
            var entry = format.Layers[report.Name];
            Assert.False(weights.Contains(report.Name + ".weight"));
            Assert.Equal(TensorDtype.I32, weights.Info(FactoredFormat.ColumnIndices(report.Name)).Dtype);
            using var offsets = weights.Load(FactoredFormat.RowOffsets(report.Name));
            Assert.Equal(entry.Nnz, offsets[-1].item<long>());
            Assert.Equal([entry.Shape[0], entry.Rank], weights.Info(FactoredFormat.LowRankU(report.Name)).Shape);
            Assert.Equal([entry.Rank, entry.Shape[1]], weights.Info(FactoredFormat.LowRankV(report.Name)).Shape);
            Assert.Equal(report.ParametersAfter, entry.Nnz + (entry.Rank * (entry.Shape[0] + entry.Shape[1])));
        }
    }

    public void Dispose() => _workspace.Dispose();
}
