namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Cuts calibration windows from a flat token stream. With N tokens, windows of L tokens and S samples:
/// a <see cref="SplitMix64"/> is seeded with the seed (a signed 64-bit value reinterpreted as unsigned), and for
/// i = 0, 1, …, S−1 in order, start_i = NextBelow(N − L + 1), a uniform integer in [0, N − L]; sample i is tokens
/// [start_i, start_i + L). Windows may overlap and may repeat, so N ≥ L is the only requirement on the stream's length.
/// </summary>
public static class WindowSampler
{
    public static long[] DrawStarts(long streamLength, int samples, int sequenceLength, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(streamLength, sequenceLength);

        var random = new SplitMix64(unchecked((ulong)seed));
        var positions = (ulong)(streamLength - sequenceLength + 1);
        var starts = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            starts[i] = (long)random.NextBelow(positions);
        }

        return starts;
    }

    /// <summary>Copies the drawn windows into one row-major [samples, sequenceLength] array.</summary>
    public static long[] Cut(ReadOnlySpan<long> stream, int samples, int sequenceLength, long seed)
    {
        var starts = DrawStarts(stream.Length, samples, sequenceLength, seed);
        var windows = new long[checked(samples * sequenceLength)];
        for (var i = 0; i < samples; i++)
        {
            stream.Slice((int)starts[i], sequenceLength).CopyTo(windows.AsSpan(i * sequenceLength, sequenceLength));
        }

        return windows;
    }
}
