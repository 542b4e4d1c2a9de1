using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>
/// One pass over a float32 tensor's storage in managed code, for the questions every weight is asked: are its entries
/// finite, how many are non-zero. Both read bit patterns with integer vector operations (float arithmetic on denormals
/// is many times slower); any other tensor (not float32, not in main memory, not dense) goes to libtorch.
/// </summary>
public static class Float32Scan
{
    private const uint Exponent = 0x7F800000;
    private const uint Magnitude = 0x7FFFFFFF;

    /// <summary>Whether every entry is finite (not NaN, not ±Inf).</summary>
    public static bool AllFinite(torch.Tensor tensor)
    {
        if (!tensor.is_floating_point() || tensor.numel() == 0)
        {
            return true;
        }

        using var dense = Dense(tensor);
        if (dense is not null)
        {
            return AllFinite(Bits(dense));
        }

        using var scope = torch.NewDisposeScope();
        return double.IsFinite(tensor.max().to_type(torch.float64).item<double>()) && double.IsFinite(tensor.min().to_type(torch.float64).item<double>());
    }

    /// <summary>The number of entries that are not ±0.</summary>
    public static long CountNonzero(torch.Tensor tensor)
    {
        using var dense = Dense(tensor);
        return dense is null ? tensor.count_nonzero().item<long>() : CountNonzero(Bits(dense));
    }

    /// <summary>A float exponent of all ones is NaN or ±Inf.</summary>
    internal static bool AllFinite(ReadOnlySpan<uint> bits)
    {
        var mask = new Vector<uint>(Exponent);
        var found = Vector<uint>.Zero;
        foreach (var vector in MemoryMarshal.Cast<uint, Vector<uint>>(bits))
        {
            found |= Vector.Equals(vector & mask, mask);
        }

        if (found != Vector<uint>.Zero)
        {
            return false;
        }

        foreach (var b in bits[(bits.Length / Vector<uint>.Count * Vector<uint>.Count)..])
        {
            if ((b & Exponent) == Exponent)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>±0 is the only float whose bits, sign aside, are all zero.</summary>
    internal static long CountNonzero(ReadOnlySpan<uint> bits)
    {
        var mask = new Vector<uint>(Magnitude);
        long zeros = 0;
        var vectors = MemoryMarshal.Cast<uint, Vector<uint>>(bits);
        // Equals gives all ones (−1 as int) per zero lane; summed per lane in chunks that cannot overflow an int.
        for (var start = 0; start < vectors.Length; start += 1 << 20)
        {
            var lanes = Vector<int>.Zero;
            foreach (var vector in vectors.Slice(start, Math.Min(1 << 20, vectors.Length - start)))
            {
                lanes -= Vector.AsVectorInt32(Vector.Equals(vector & mask, Vector<uint>.Zero));
            }

            zeros += Vector.Sum(lanes);
        }

        foreach (var b in bits[(vectors.Length * Vector<uint>.Count)..])
        {
            zeros += (b & Magnitude) == 0 ? 1 : 0;
        }

        return bits.Length - zeros;
    }

    /// <summary>
    /// The tensor itself or its transpose when one of them is contiguous float32 in main memory (LAPACK returns
    /// column-major matrices; which order the entries are read in does not matter here); null otherwise. Dispose the
    /// result: it is a new handle even when it views the same storage.
    /// </summary>
    private static torch.Tensor? Dense(torch.Tensor tensor)
    {
        if (tensor.dtype != torch.float32 || tensor.device_type != DeviceType.CPU)
        {
            return null;
        }

        if (tensor.is_contiguous())
        {
            return tensor.alias();
        }

        return tensor.dim() == 2 && tensor.T.is_contiguous() ? tensor.T : null;
    }

    private static ReadOnlySpan<uint> Bits(torch.Tensor dense) => MemoryMarshal.Cast<byte, uint>(dense.bytes);
}
