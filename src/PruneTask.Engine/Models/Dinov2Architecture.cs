using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// DINOv2 backbones: ViT embeddings and pre-LayerNorm layers whose attention and MLP outputs are multiplied by learned
/// per-channel layer scales (layer_scale1/2.lambda1) before the residual add; the MLP is fc1 → act → fc2, or a SwiGLU
/// (one fused weights_in: gate rows, then up rows; weights_out) when use_swiglu_ffn. The head returns the normed tokens.
/// Images must have config.json's image_size (positions are not interpolated).
/// </summary>
internal sealed class Dinov2Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["Dinov2Model"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var config = VisionConfig.Read(json, architecture, MlpWidth(json));
        _ = Settings(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var names = TensorNames(weights);
        var swiGlu = config.Json.Bool("use_swiglu_ffn", false);
        return Enumerable.Range(0, config.NumLayers)
            .SelectMany(i => Dinov2Block.Describe(weights, $"{names.Layers}{i}.", i, config, settings, swiGlu))
            .ToArray();
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var names = TensorNames(weights);
        var specs = DescribeLinears(config, weights);
        return VisionEncoderModel.Create(config, settings, weights, names, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new Dinov2Block(config, settings, $"{names.Layers}{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    /// <summary>
    /// The MLP's hidden width as transformers' Dinov2 computes it: int(hidden_size · mlp_ratio), and for SwiGLU
    /// two thirds of that rounded up to a multiple of 8.
    /// </summary>
    private static int MlpWidth(ConfigJson json)
    {
        var width = (int)(json.PositiveInt("hidden_size") * json.Double("mlp_ratio", 4.0));
        return json.Bool("use_swiglu_ffn", false) ? ((width * 2 / 3) + 7) / 8 * 8 : width;
    }

    private static VisionSettings Settings(ModelConfig config) => VisionSettings.Read(config, layerNormEps: 1e-6, imageSize: 224, patchSize: 14);

    /// <summary>"" for Dinov2Model checkpoints, "dinov2." for backbones saved inside a classification model.</summary>
    private static VisionTensorNames TensorNames(ITensorSource weights) =>
        VisionTensorNames.Under(CheckpointTensors.ResolvePrefix(weights, "embeddings.cls_token", "", "dinov2."), classifier: null);
}
