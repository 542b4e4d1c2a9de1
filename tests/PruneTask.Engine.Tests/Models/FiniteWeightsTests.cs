using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public sealed class FiniteWeightsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_value_in_any_floating_dtype_names_the_tensor(double value)
    {
        foreach (var dtype in new[] { torch.float32, torch.bfloat16, torch.float16, torch.float64 })
        {
            using var scope = torch.NewDisposeScope();
            var bad = torch.ones(4, 3, dtype: dtype);
            bad[2, 1] = torch.tensor(value, dtype: dtype);
            using var source = new InMemoryTensorSource([KeyValuePair.Create("a.weight", torch.ones(3)), KeyValuePair.Create("b.weight", bad)]);

            var failure = Assert.Throws<NonFiniteWeightsException>(() => FiniteWeights.CheckAll(source));

            Assert.Equal("b.weight", failure.TensorName);
        }
    }

    [Fact]
    public void Finite_floats_and_integer_tensors_pass()
    {
        using var scope = torch.NewDisposeScope();
        using var source = new InMemoryTensorSource(
            [KeyValuePair.Create("w", torch.full(3, 3, 65000.0, dtype: torch.float16)), KeyValuePair.Create("ids", torch.arange(5L))]);

        FiniteWeights.CheckAll(source);
    }

    [Fact]
    public void A_lazy_tensor_refuses_to_read_a_non_finite_weight()
    {
        using var scope = torch.NewDisposeScope();
        using var source = new InMemoryTensorSource([KeyValuePair.Create("w", torch.tensor(new[] { 1f, float.NaN }))]);
        using var lazy = new LazyTensor(source, "w");

        Assert.Equal("w", Assert.Throws<NonFiniteWeightsException>(() => lazy.Read()).TensorName);
    }

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

            Assert.False(FiniteWeights.IsFinite(values), $"row-major, entry {position}");
            Assert.False(FiniteWeights.IsFinite(columnMajor), $"column-major, entry {position}");
            Assert.False(FiniteWeights.IsFinite(strided), $"strided, entry {position}");
        }
    }

    [Fact]
    public void Denormal_largest_and_zero_float32_values_are_finite()
    {
        using var scope = torch.NewDisposeScope();
        var values = torch.tensor(new[] { 0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, float.MaxValue, float.MinValue, 1f, -3f });

        Assert.True(FiniteWeights.IsFinite(values));
        Assert.True(FiniteWeights.IsFinite(values.reshape(3, 3).T));
    }
}
