using System.Numerics;
using System.Runtime.InteropServices;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>Refuses model tensors that hold NaN or Inf, naming the tensor (<see cref="NonFiniteWeightsException"/>).</summary>
public static class FiniteWeights
{
    /// <summary>Checks every floating-point tensor of <paramref name="weights"/>, one at a time, before a run does any work.</summary>
    public static void CheckAll(ITensorSource weights)
    {
        foreach (var name in weights.Names)
        {
            if (weights.Info(name).Dtype is TensorDtype.F16 or TensorDtype.BF16 or TensorDtype.F32 or TensorDtype.F64)
            {
                using var scope = torch.NewDisposeScope();
                Require(weights.LoadFloat32(name), name);
            }
        }
    }

    /// <summary>Throws when <paramref name="tensor"/> holds NaN or Inf.</summary>
    public static void Require(torch.Tensor tensor, string name)
    {
        if (!IsFinite(tensor))
        {
            throw new NonFiniteWeightsException(name);
        }
    }

    /// <summary>
    /// Whether every entry is finite. A float32 tensor in main memory that is contiguous (or whose transpose is) is read once in managed code
    /// (<see cref="AllFinite"/>); any other from its largest and smallest entries (both NaN when one is, ±Inf when one
    /// is), two reductions that allocate nothing.
    /// </summary>
    public static bool IsFinite(torch.Tensor tensor)
    {
        if (!tensor.is_floating_point() || tensor.numel() == 0)
        {
            return true;
        }

        // LAPACK's results are column-major: their transpose is contiguous, and finiteness does not depend on the order.
        var dense = tensor.is_contiguous() ? tensor : tensor.dim() == 2 && tensor.T.is_contiguous() ? tensor.T : null;
        if (tensor.dtype == torch.float32 && tensor.device_type == DeviceType.CPU && dense is not null)
        {
            using (ReferenceEquals(dense, tensor) ? null : dense)
            {
                return AllFinite(MemoryMarshal.Cast<byte, float>(dense.bytes));
            }
        }

        using var scope = torch.NewDisposeScope();
        return double.IsFinite(tensor.max().to_type(torch.float64).item<double>()) && double.IsFinite(tensor.min().to_type(torch.float64).item<double>());
    }

    /// <summary>
    /// One vectorised pass over the bit patterns: a float is NaN or ±Inf exactly when its exponent bits are all ones.
    /// Integer operations, because float arithmetic on the denormal entries a factor's far corner holds is many times
    /// slower; libtorch's max and min took 10–20 ms on such a 2048² matrix, this takes about 1.
    /// </summary>
    internal static bool AllFinite(ReadOnlySpan<float> values)
    {
        const uint exponent = 0x7F800000;
        var bits = MemoryMarshal.Cast<float, uint>(values);
        var vectors = MemoryMarshal.Cast<uint, Vector<uint>>(bits);
        var mask = new Vector<uint>(exponent);
        var found = Vector<uint>.Zero;
        foreach (var vector in vectors)
        {
            found |= Vector.Equals(vector & mask, mask);
        }

        if (found != Vector<uint>.Zero)
        {
            return false;
        }

        for (var r = vectors.Length * Vector<uint>.Count; r < bits.Length; r++)
        {
            if ((bits[r] & exponent) == exponent)
            {
                return false;
            }
        }

        return true;
    }
}
