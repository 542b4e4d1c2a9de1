using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Vision Transformers: patch embedding, CLS token, learned positions, pre-LayerNorm encoder layers without a mask,
/// exact GELU; ViTForImageClassification adds a classifier on the CLS token. Images must have config.json's
/// image_size (positions are not interpolated).
/// </summary>
internal sealed class VitArchitecture : IArchitecture
{
    private const string Classification = "ViTForImageClassification";

    public IReadOnlyList<string> Names { get; } = [Classification, "ViTModel"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var config = VisionConfig.Read(json, architecture, json.PositiveInt("intermediate_size"));
        _ = Settings(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var names = TensorNames(config, weights);
        return Enumerable.Range(0, config.NumLayers)
            .SelectMany(i => VitBlock.Describe(weights, $"{names.Layers}{i}.", i, config, settings))
            .ToArray();
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var names = TensorNames(config, weights);
        var specs = DescribeLinears(config, weights);
        return VisionEncoderModel.Create(config, settings, weights, names, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new VitBlock(config, settings, $"{names.Layers}{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    private static VisionSettings Settings(ModelConfig config) => VisionSettings.Read(config, layerNormEps: 1e-12, imageSize: 224, patchSize: 16);

    /// <summary>"vit." for ViTForImageClassification checkpoints, "" for those saved from the bare ViTModel.</summary>
    private static VisionTensorNames TensorNames(ModelConfig config, ITensorSource weights) => VisionTensorNames.Under(
        CheckpointTensors.ResolvePrefix(weights, "embeddings.cls_token", "vit.", ""),
        config.Architecture == Classification ? "classifier" : null);
}
