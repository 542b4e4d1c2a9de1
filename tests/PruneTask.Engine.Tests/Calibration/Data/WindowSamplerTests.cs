using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class WindowSamplerTests
{
    // Expected starts come from an independent Python implementation of the documented procedure.
    [Theory]
    [InlineData(1000, 5, 100, 0, new long[] { 12, 777, 77, 614, 830 })]
    [InlineData(1000, 5, 100, -1, new long[] { 14, 774, 775, 15, 849 })]
    [InlineData(10, 4, 3, 42, new long[] { 5, 3, 2, 4 })]
    [InlineData(300, 3, 20, 7, new long[] { 119, 135, 201 })]
    public void Draws_the_documented_starts(long length, int samples, int sequenceLength, long seed, long[] expected)
    {
        Assert.Equal(expected, WindowSampler.DrawStarts(length, samples, sequenceLength, seed));
    }

    [Fact]
    public void A_stream_of_exactly_one_window_gives_that_window_every_time()
    {
        Assert.Equal([0, 0, 0], WindowSampler.DrawStarts(50, 3, 50, 123));
    }

    [Fact]
    public void Cut_copies_each_window_from_its_start()
    {
        var stream = Enumerable.Range(0, 300).Select(i => (long)(i * 3)).ToArray();

        var windows = WindowSampler.Cut(stream, 3, 20, 7);

        long[] starts = [119, 135, 201];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(stream.AsSpan((int)starts[i], 20).ToArray(), windows.AsSpan(i * 20, 20).ToArray());
        }
    }

    [Fact]
    public void A_stream_shorter_than_a_window_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowSampler.DrawStarts(9, 1, 10, 0));
    }
}
