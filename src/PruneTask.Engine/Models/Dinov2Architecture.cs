using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// DINOv2 backbones: ViT embeddings and pre-LayerNorm layers whose attention and MLP outputs are multiplied by learned
/// per-channel layer scales (layer_scale1/2.lambda1) before the residual add; the MLP is fc1 → act → fc2, or a SwiGLU
/// (one fused weights_in: gate rows, then up rows; weights_out) when use_swiglu_ffn. The head returns the normed tokens.
/// Images must have config.json's image_size (positions are not interpolated).
/// </summary>
internal sealed class Dinov2Architecture : VitArchitecture
{
    public override IReadOnlyList<string> Names { get; } = ["Dinov2Model"];

    protected override ModelConfigKeys Keys { get; } = new() { Vocabulary = false, IntermediateSize = MlpWidth };

    internal override VisionSettings Settings(ModelConfig config) => VisionSettings.Read(config, layerNormEps: 1e-6, imageSize: 224, patchSize: 14);

    /// <summary>"" for Dinov2Model checkpoints, "dinov2." for backbones saved inside a classification model.</summary>
    protected override VisionTensorNames TensorNames(ModelConfig config, ITensorSource weights) =>
        VisionTensorNames.Under(CheckpointTensors.ResolvePrefix(weights, "embeddings.cls_token", "", "dinov2."), classifier: null);

    protected override IEnumerable<LinearSpec> DescribeMlp(BlockSite block)
    {
        var (hidden, inner) = (block.Config.HiddenSize, block.Config.IntermediateSize);
        return SwiGlu(block.Config.Json)
            ? [
                block.Linear("mlp.weights_in", [(LinearRole.Gate, inner), (LinearRole.Up, inner)], "mlp.weights_in", hidden, biasRequired: true),
                block.Linear("mlp.weights_out", LinearRole.Down, "mlp.weights_out", hidden, inner, true),
            ]
            : block.MlpLinears(gate: null, "mlp.fc1", "mlp.fc2", inner, bias: true);
    }

    /// <summary>h = x + λ₁ · attention(norm1(x)), then h + λ₂ · mlp(norm2(h)).</summary>
    protected override BlockParts Parts(BlockSite block, VisionSettings settings, Func<Tensor, Tensor> activation)
    {
        var hidden = block.Config.HiddenSize;
        return new(block.LayerNorm("norm1", settings.LayerNormEps), Attention(block.Config), block.LayerNorm("norm2", settings.LayerNormEps), activation)
        {
            LayerScales = (block.Tensor("layer_scale1.lambda1", hidden), block.Tensor("layer_scale2.lambda1", hidden)),
        };
    }

    private static bool SwiGlu(ConfigJson json) => json.Bool("use_swiglu_ffn", false);

    /// <summary>
    /// The MLP's hidden width as transformers' Dinov2 computes it: int(hidden_size · mlp_ratio), and for SwiGLU
    /// two thirds of that rounded up to a multiple of 8.
    /// </summary>
    private static int MlpWidth(ConfigJson json, int hiddenSize)
    {
        var width = (int)(hiddenSize * json.Double("mlp_ratio", 4.0));
        return SwiGlu(json) ? ((width * 2 / 3) + 7) / 8 * 8 : width;
    }
}
