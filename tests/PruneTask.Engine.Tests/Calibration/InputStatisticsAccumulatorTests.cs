using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration;

public class InputStatisticsAccumulatorTests
{
    [Fact]
    public void The_squared_norms_are_per_input_feature_sums_over_every_token_of_every_batch()
    {
        using var scope = torch.NewDisposeScope();
        var first = torch.arange(12, dtype: torch.float32).reshape(1, 3, 4);
        var second = torch.ones(2, 1, 4);
        var accumulator = new InputStatisticsAccumulator(4, StatisticsNeed.Gram);

        accumulator.Add(first);
        accumulator.Add(second);
        using var statistics = accumulator.ToStatistics();

        Assert.Equal(torch.float64, statistics.SquaredNorms.dtype);
        Assert.Equal(new[] { 0 + 16 + 64 + 2.0, 1 + 25 + 81 + 2, 4 + 36 + 100 + 2, 9 + 49 + 121 + 2 }, statistics.SquaredNorms.data<double>().ToArray());
        Assert.True(statistics.Gram!.diagonal().eq(statistics.SquaredNorms).all().item<bool>());
        Assert.Equal((5L, 3L), (statistics.Tokens, statistics.Sequences));
    }
}
