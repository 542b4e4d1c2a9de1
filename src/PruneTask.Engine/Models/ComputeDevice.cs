using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>
/// Where the engine computes: the one place that decides it. Checkpoint weights (<see cref="LazyTensor"/>) and the
/// model's inputs (<see cref="PrunableModel.Embed"/>) are placed here; tensors created along the way take this device
/// or their input's. This build links TorchSharp-cpu, so it is the CPU; a CUDA build would set it from a recipe's
/// <c>device:</c> (docs/scaling.md). Results go back to the CPU where they are written (the cache stores, export).
/// </summary>
public static class ComputeDevice
{
    public static torch.Device Current { get; } = torch.CPU;

    /// <summary>The tensor itself when it is on <see cref="Current"/>, else a copy there (in the caller's dispose scope).</summary>
    public static torch.Tensor Place(torch.Tensor tensor) =>
        tensor.device_type == Current.type && tensor.device_index == Current.index ? tensor : tensor.to(Current);
}
