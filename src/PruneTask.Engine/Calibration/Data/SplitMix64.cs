namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator, chosen because its output is fully specified (unlike System.Random's),
/// so a seed draws the same calibration windows on every machine and .NET version.
/// The state starts at the seed (as an unsigned 64-bit value); each <see cref="Next"/> adds 0x9E3779B97F4A7C15 to the
/// state and returns it mixed: z ^= z &gt;&gt; 30; z *= 0xBF58476D1CE4E5B9; z ^= z &gt;&gt; 27; z *= 0x94D049BB133111EB;
/// z ^= z &gt;&gt; 31 (all arithmetic modulo 2^64).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) without modulo bias: draws x = <see cref="Next"/> until
    /// x ≥ 2^64 mod bound, then returns x mod bound.
    /// </summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = (0UL - bound) % bound;
        ulong x;
        do
        {
            x = Next();
        }
        while (x < threshold);

        return x % bound;
    }
}
