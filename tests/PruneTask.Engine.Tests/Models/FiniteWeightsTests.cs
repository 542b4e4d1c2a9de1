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
}
