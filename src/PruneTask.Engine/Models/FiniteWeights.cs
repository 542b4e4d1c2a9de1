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
        if (!Float32Scan.AllFinite(tensor))
        {
            throw new NonFiniteWeightsException(name);
        }
    }
}
