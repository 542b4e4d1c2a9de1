using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>Opens model folders in the Hugging Face layout (config.json + safetensors weights).</summary>
public static class ModelLoader
{
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// Reads config.json, opens the weights (single file or shards, memory-mapped) and builds the model; no weight
    /// is read until used. The model owns the opened weights and closes them when disposed.
    /// </summary>
    /// <exception cref="ModelException">No such folder, an unsupported architecture, or weights that contradict config.json.</exception>
    /// <exception cref="SafetensorsFormatException">A weights file is corrupt.</exception>
    public static PrunableModel Load(string modelDirectory, ModelOptions? options = null)
    {
        var config = ReadConfig(modelDirectory);
        var weights = ModelWeights.Open(modelDirectory);
        try
        {
            var model = Create(config, weights, options);
            model.OwnWeights();
            return model;
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>Describes a model folder from config.json and tensor headers, without reading any weight.</summary>
    public static ModelSummary Inspect(string modelDirectory)
    {
        var config = ReadConfig(modelDirectory);
        using var weights = ModelWeights.Open(modelDirectory);
        return ModelSummary.Describe(config, weights);
    }

    public static ModelConfig ReadConfig(string modelDirectory) =>
        Directory.Exists(modelDirectory)
            ? ModelConfig.Load(Path.Combine(modelDirectory, ConfigFileName))
            : throw new InvalidModelException($"{modelDirectory} is not a folder.");

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
