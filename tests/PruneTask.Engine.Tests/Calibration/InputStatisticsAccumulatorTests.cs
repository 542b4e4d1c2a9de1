using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration;

public sealed class InputStatisticsAccumulatorTests
{
    [Fact]
    public void Squared_norms_and_gram_are_per_feature_sums_over_every_token_of_every_batch()
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(3);
        var first = torch.randn(2, 5, 6, generator: random);
        var second = torch.randn(3, 5, 6, generator: random);
        using var accumulator = new InputStatisticsAccumulator(6, StatisticsNeed.Gram);

        accumulator.Add(first);
        accumulator.Add(second);
        var statistics = accumulator.ToStatistics();

        var x = torch.cat([first.reshape(-1, 6), second.reshape(-1, 6)]).to(torch.float64);
        Assert.True(statistics.SquaredNorms.allclose(x.square().sum([0L]), rtol: 1e-12, atol: 1e-12));
        Assert.True(statistics.Gram!.allclose(x.T.matmul(x), rtol: 1e-12, atol: 1e-12));
        Assert.Equal(25, statistics.Tokens);
        Assert.Equal(5, statistics.Sequences);
    }
}
