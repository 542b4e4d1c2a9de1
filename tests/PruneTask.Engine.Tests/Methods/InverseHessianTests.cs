using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class InverseHessianTests
{
    [Fact]
    public void The_factor_is_the_reference_upper_cholesky_factor_of_the_inverse()
    {
        using var scope = torch.NewDisposeScope();
        var x = SyntheticLayer.Activations(51, 512, 300, 3, 200);
        x.select(1, 9).zero_();
        using var statistics = SyntheticLayer.Statistics(x, sequences: 4);
        using var inverse = InverseHessian.Factor(statistics, 0.01);

        var hessian = statistics.Gram!.mul(2.0 / 4);
        hessian.diagonal().masked_fill_(hessian.diagonal().eq(0), 1.0);
        hessian.diagonal().add_(0.01 * hessian.diagonal().mean().item<double>());
        var (lower, _) = torch.linalg.cholesky_ex(hessian);
        var (inverseLower, _) = torch.linalg.cholesky_ex(lower.cholesky_inverse());
        var expected = inverseLower.T;

        Assert.Equal(torch.float32, inverse.Upper.dtype);
        Assert.True(inverse.Upper.tril(-1).eq(0).all().item<bool>());
        var scale = expected.abs().max().item<double>();
        Assert.InRange((inverse.Upper.to_type(torch.float64) - expected).abs().max().item<double>() / scale, 0, 1e-5);
        Assert.Equal(new[] { 9L }, inverse.Dead.nonzero().flatten().data<long>().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(300)]
    [InlineData(517)]
    public void Inverting_an_upper_triangle_by_blocks_equals_a_solve_against_the_identity(int size)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(52);
        var upper = torch.randn(size, size, dtype: torch.float64, generator: generator).triu().mul(0.1);
        upper.diagonal().copy_(torch.rand(size, dtype: torch.float64, generator: generator).add(1));

        var inverse = InverseHessian.InvertUpper(upper);

        var expected = torch.linalg.solve_triangular(upper, torch.eye(size, dtype: torch.float64), upper: true);
        Assert.InRange((inverse - expected).abs().max().item<double>(), 0, 1e-12);
        Assert.True(inverse.tril(-1).eq(0).all().item<bool>());
    }
}
