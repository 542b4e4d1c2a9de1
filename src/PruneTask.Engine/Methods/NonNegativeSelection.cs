using System.Runtime.InteropServices;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The k-th smallest of non-negative float32 values by a two-pass radix selection: for non-negative floats (NaN after
/// +∞, as torch orders them) the bit patterns read as unsigned integers sort like the values, so a histogram of the
/// upper 16 bits finds the bucket holding the k-th value and a histogram of the lower 16 bits within it finds the value.
/// Two linear passes, where <c>kthvalue</c> copies the data and partitions it repeatedly.
/// </summary>
internal static class NonNegativeSelection
{
    private const int Buckets = 1 << 16;

    /// <param name="values">Float32 values ≥ 0 (or NaN).</param>
    /// <param name="k">0-based rank: 0 is the smallest.</param>
    public static float KthSmallest(ReadOnlySpan<float> values, long k)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        if (k < 0 || k >= bits.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"A rank among {bits.Length} values.");
        }

        var counts = new int[Buckets];
        foreach (var b in bits)
        {
            counts[b >> 16]++;
        }

        var (upper, rank) = Locate(counts, k);
        Array.Clear(counts);
        foreach (var b in bits)
        {
            if (b >> 16 == upper)
            {
                counts[b & 0xFFFF]++;
            }
        }

        var (lower, _) = Locate(counts, rank);
        return BitConverter.UInt32BitsToSingle(((uint)upper << 16) | (uint)lower);
    }

    /// <summary>The bucket holding the entry of 0-based rank <paramref name="k"/>, and that entry's rank within it.</summary>
    private static (int Bucket, long Rank) Locate(int[] counts, long k)
    {
        long below = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            if (below + counts[bucket] > k)
            {
                return (bucket, k - below);
            }

            below += counts[bucket];
        }

        throw new InvalidOperationException("The counts hold fewer entries than the rank asked for.");
    }
}
