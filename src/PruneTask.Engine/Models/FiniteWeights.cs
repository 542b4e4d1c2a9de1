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
    /// Whether every entry is finite, from the tensor's largest and smallest entries (both NaN when one is, ±Inf when
    /// one is): two reductions that allocate nothing, where <c>isfinite().all()</c> wrote a bool per entry first.
    /// </summary>
    public static bool IsFinite(torch.Tensor tensor)
    {
        if (!tensor.is_floating_point() || tensor.numel() == 0)
        {
            return true;
        }

        using var scope = torch.NewDisposeScope();
        return double.IsFinite(tensor.max().to_type(torch.float64).item<double>()) && double.IsFinite(tensor.min().to_type(torch.float64).item<double>());
    }
}
