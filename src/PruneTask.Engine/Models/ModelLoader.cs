using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>Builds a <see cref="PrunableModel"/> from a config and a tensor source.</summary>
public static class ModelLoader
{
    /// <summary>
    /// Builds the model of <paramref name="config"/> over <paramref name="weights"/> (a checkpoint, or tensors held
    /// in memory). Checks every tensor header against the config; reads no weight. The caller keeps owning the source.
    /// </summary>
    public static PrunableModel Create(ModelConfig config, ITensorSource weights, ModelOptions? options = null)
    {
        var dtype = (options ?? ModelOptions.Default).Dtype;
        if (dtype != torch.ScalarType.Float32)
        {
            throw new NotSupportedException($"Models compute in float32 only; ModelOptions.Dtype {dtype} is reserved for later.");
        }

        return Architectures.Find(config.Architecture).Create(config, weights);
    }
}
