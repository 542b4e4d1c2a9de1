using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>OATS's per-row hard threshold selects in managed code; it must zero exactly what the layer masks zero.</summary>
public sealed class OatsHardThresholdTests
{
    [Theory]
    [InlineData(37, 64, 24, false)]
    [InlineData(16, 128, 0, false)]
    [InlineData(16, 128, 128, false)]
    [InlineData(9, 96, 40, true)]
    [InlineData(5, 33, 1, true)]
    public void Keeping_per_row_zeroes_what_the_smallest_per_row_mask_flags(int rows, int width, int kept, bool ties)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(7);
        var residual = torch.randn(rows, width, generator: generator);
        if (ties)
        {
            residual = residual.mul(4).round().div(4); // few distinct magnitudes, so the threshold is shared by many entries
        }

        var expected = residual.masked_fill(PruneMasks.SmallestPerRow(residual.abs(), width - kept), RootedScalars.Zero);

        var actual = OatsHardThreshold.KeepPerRow(residual, kept);

        Assert.True(actual.eq(expected).all().item<bool>());
        Assert.True(actual.ne(RootedScalars.Zero).sum(1L).le(kept).all().item<bool>());
    }

    [Fact]
    public void The_lower_column_is_zeroed_first_among_equal_magnitudes()
    {
        var row = new float[] { 2, -1, 1, 3, -1 };

        OatsHardThreshold.ZeroSmallest(row, 2, new float[row.Length]);

        Assert.Equal(new float[] { 2, 0, 0, 3, -1 }, row);
    }

    [Fact]
    public void The_residual_is_left_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var residual = torch.arange(1, 9, dtype: torch.float32).reshape(2, 4);
        var copy = residual.clone();

        OatsHardThreshold.KeepPerRow(residual, 1);

        Assert.True(residual.eq(copy).all().item<bool>());
    }
}
