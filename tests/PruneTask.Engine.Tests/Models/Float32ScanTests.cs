using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public sealed class Float32ScanTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Every_position_and_layout_of_a_float32_tensor_is_checked(float value)
    {
        using var scope = torch.NewDisposeScope();
        // 37 × 13 = 481 entries: whole vectors and a tail, in row-major, column-major (as LAPACK returns) and strided layouts.
        foreach (var position in new[] { 0L, 200L, 479L, 480L })
        {
            var values = torch.randn(37, 13).mul(1e-39f);
            values.view(-1)[position] = value;
            var columnMajor = values.T.contiguous().T;
            var strided = torch.zeros(37, 26).narrow(1, 0, 13).copy_(values);

            Assert.False(Float32Scan.AllFinite(values), $"row-major, entry {position}");
            Assert.False(Float32Scan.AllFinite(columnMajor), $"column-major, entry {position}");
            Assert.False(Float32Scan.AllFinite(strided), $"strided, entry {position}");
        }
    }

    [Fact]
    public void Denormal_largest_and_zero_float32_values_are_finite()
    {
        using var scope = torch.NewDisposeScope();
        var values = torch.tensor(new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, float.MaxValue, float.MinValue, 1f, -3f });

        Assert.True(Float32Scan.AllFinite(values));
        Assert.True(Float32Scan.AllFinite(values.reshape(3, 3).T));
    }

    [Fact]
    public void Nonzero_counts_match_libtorch_for_every_layout_with_signed_zeros_denormals_and_a_tail()
    {
        using var scope = torch.NewDisposeScope();
        var values = torch.randn(37, 13).mul(1e-39f);
        values.masked_fill_(torch.rand(37, 13).lt(0.5), 0f);
        values[1, 2] = -0f;
        values[36, 12] = float.NaN;
        var expected = values.count_nonzero().item<long>();

        Assert.Equal(expected, Float32Scan.CountNonzero(values));
        Assert.Equal(expected, Float32Scan.CountNonzero(values.T.contiguous().T));
        Assert.Equal(expected, Float32Scan.CountNonzero(torch.zeros(37, 26).narrow(1, 0, 13).copy_(values)));
        Assert.Equal(expected, Float32Scan.CountNonzero(values.to_type(torch.float64)));
        Assert.Equal(0, Float32Scan.CountNonzero(torch.zeros(5)));
    }
}
