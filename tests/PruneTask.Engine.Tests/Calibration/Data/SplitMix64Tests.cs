using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class SplitMix64Tests
{
    [Fact]
    public void Matches_the_published_reference_sequence()
    {
        // The SplitMix64 test vector for seed 1234567 (Vigna's reference C implementation).
        var random = new SplitMix64(1234567);

        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => random.Next()));
    }

    [Fact]
    public void Next_below_rejects_draws_under_the_bias_threshold()
    {
        // For bound 2^63 + 1 the threshold is 2^63 − 1: seed 0 draws 16294208416658607535 (kept),
        // 7960286522194355700 and 487617019471545679 (both rejected), then 17909611376780542444 (kept).
        var random = new SplitMix64(0);
        const ulong bound = (1UL << 63) + 1;

        Assert.Equal(7070836379803831726UL, random.NextBelow(bound));
        Assert.Equal(8686239339925766635UL, random.NextBelow(bound));
    }

    [Fact]
    public void Next_below_stays_in_range()
    {
        var random = new SplitMix64(99);

        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextBelow(7)), x => Assert.InRange(x, 0UL, 6UL));
        Assert.Equal(0UL, random.NextBelow(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextBelow(0));
    }
}
