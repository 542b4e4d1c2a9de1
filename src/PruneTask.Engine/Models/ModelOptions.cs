using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>How a model computes.</summary>
public sealed record ModelOptions
{
    public static ModelOptions Default { get; } = new();

    /// <summary>Compute dtype. <value>The default value is float32, the only one implemented; weights of any stored dtype are upcast to it.</value></summary>
    public torch.ScalarType Dtype { get; init; } = torch.ScalarType.Float32;
}
