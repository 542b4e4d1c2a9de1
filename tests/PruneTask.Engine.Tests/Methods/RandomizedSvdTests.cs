using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class RandomizedSvdTests
{
    [Fact]
    public void Recovers_a_matrix_of_exactly_the_requested_rank()
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(5);
        var a = torch.randn(120, 6, generator: random).matmul(torch.randn(6, 90, generator: random));
        using var sketches = new torch.Generator(1);

        using var svd = RandomizedSvd.Compute(a, 6, sketches);

        Assert.True(svd.Reconstruct().allclose(a, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Approximation_error_is_within_a_percent_of_exact_on_a_slowly_decaying_spectrum()
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(6);
        var left = torch.linalg.qr(torch.randn(200, 150, generator: random)).Q;
        var right = torch.linalg.qr(torch.randn(150, 150, generator: random)).Q;
        var a = (left * torch.logspace(1, -1, 150)).matmul(right.T);
        using var sketches = new torch.Generator(2);

        using var exact = TruncatedSvd.Exact(a, 10);
        using var randomized = RandomizedSvd.Compute(a, 10, sketches);

        Assert.InRange(randomized.Values[0].ToDouble() / exact.Values[0].ToDouble(), 0.995, 1 + 1e-6);
        var exactError = (a - exact.Reconstruct()).norm().ToDouble();
        var randomizedError = (a - randomized.Reconstruct()).norm().ToDouble();
        Assert.True(randomizedError < exactError * 1.01);
    }

    [Fact]
    public void Same_seed_gives_the_same_factors()
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(7);
        var a = torch.randn(80, 60, generator: random);

        using var firstSketches = new torch.Generator(9);
        using var secondSketches = new torch.Generator(9);
        using var first = RandomizedSvd.Compute(a, 4, firstSketches);
        using var second = RandomizedSvd.Compute(a, 4, secondSketches);

        Assert.True(first.U.eq(second.U).all().ToBoolean());
        Assert.True(first.Vh.eq(second.Vh).all().ToBoolean());
    }

    [Fact]
    public void Rank_zero_is_the_zero_matrix()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.ones(5, 4);

        using var sketches = new torch.Generator(1);
        using var svd = RandomizedSvd.Compute(a, 0, sketches);

        Assert.Equal(0, svd.Reconstruct().count_nonzero().ToInt64());
    }
}
