using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class NonNegativeSelectionTests
{
    [Fact]
    public void The_kth_smallest_is_the_kth_entry_of_the_sorted_values()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(81);
        // Squares of a wide range, many ties (rounded), zeros, +∞ and NaN, which sorts last.
        var values = torch.randn(97, 61, generator: generator).mul(torch.logspace(-20, 20, 61).unsqueeze(0)).square();
        values.narrow(0, 0, 10).copy_(values.narrow(0, 0, 10).mul(8).round());
        values[3, 4] = float.PositiveInfinity;
        values[5, 6] = float.NaN;
        var sorted = values.flatten().sort().Values.data<float>().ToArray();
        var flat = values.contiguous().data<float>().ToArray();

        foreach (var k in new long[] { 0, 1, 17, 600, 2958, sorted.Length - 2, sorted.Length - 1 })
        {
            Assert.Equal(sorted[k], NonNegativeSelection.KthSmallest(flat, k));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => NonNegativeSelection.KthSmallest(flat, sorted.Length));
    }
}
