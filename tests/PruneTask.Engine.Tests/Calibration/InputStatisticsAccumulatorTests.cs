using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using TorchSharp;
using PruneTask.Recipes.Methods;

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

    [Fact]
    public void The_gram_from_upper_blocks_is_the_symmetric_full_product_summed_over_batches()
    {
        using var scope = torch.NewDisposeScope();
        var features = (2 * InputStatisticsAccumulator.TileSize) + 88;
        var generator = new torch.Generator(61);
        var first = torch.randn(2, 96, features, generator: generator).mul(torch.logspace(1, -1, features).unsqueeze(0));
        var second = torch.randn(3, 96, features, generator: generator);
        var accumulator = new InputStatisticsAccumulator(features, StatisticsNeed.Gram);

        accumulator.Add(first);
        accumulator.Add(second);
        using var statistics = accumulator.ToStatistics();

        var x = torch.cat([first.reshape(-1, features), second.reshape(-1, features)], 0).to_type(torch.float64);
        var expected = x.T.matmul(x);
        var gram = statistics.Gram!;
        Assert.Equal(torch.float64, gram.dtype);
        Assert.True(gram.eq(gram.T).all().item<bool>());
        Assert.True(gram.diagonal().eq(statistics.SquaredNorms).all().item<bool>());
        var scale = expected.diagonal().sqrt();
        var relative = (gram - expected).div(scale.unsqueeze(0) * scale.unsqueeze(1)).abs().max().item<double>();
        Assert.InRange(relative, 0, 1e-6);
        Assert.Equal((480L, 5L), (statistics.Tokens, statistics.Sequences));
    }
}
