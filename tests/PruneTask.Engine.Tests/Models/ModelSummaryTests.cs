using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class ModelSummaryTests
{
    [Fact]
    public void Describe_counts_stored_parameters_by_dtype_and_lists_the_linears()
    {
        using var weights = ModelWeights.Open(FixtureModels.Folder("tiny-qwen2-bf16"));

        var summary = ModelSummary.Describe(FixtureModels.Config("tiny-qwen2-bf16"), weights);

        var perBlock = 64 + 64 + 64 * 64 + 64 + 2 * (16 * 64 + 16) + 64 * 64 + 3 * 160 * 64;
        var expected = 128 * 64 + 64 + 2 * perBlock;
        Assert.Equal(expected, summary.ParameterCount);
        Assert.Equal(new Dictionary<TensorDtype, long> { [TensorDtype.BF16] = expected }, summary.ParametersByDtype);
        Assert.Equal(14, summary.Linears.Count);
        Assert.Equal(16 * 64 + 16, summary.Linears[1].ParameterCount);
    }
}
