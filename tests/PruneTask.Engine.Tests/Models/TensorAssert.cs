using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

/// <summary>Tensor comparisons that check shape and dtype as well as values.</summary>
internal static class TensorAssert
{
    public static void Equal(torch.Tensor expected, torch.Tensor actual) => Close(expected, actual, 0);

    public static void Close(torch.Tensor expected, torch.Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        var error = expected.numel() == 0 ? 0 : (expected.to(torch.float64) - actual.to(torch.float64)).abs().max().item<double>();
        Assert.True(error <= tolerance, $"max |error| {error:E2} > {tolerance:E0}");
    }
}
