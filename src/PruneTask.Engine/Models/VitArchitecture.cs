using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// Vision Transformers: patch embedding, CLS token, learned positions, pre-LayerNorm encoder layers without a mask,
/// exact GELU; ViTForImageClassification adds a classifier on the CLS token. Images must have config.json's
/// image_size (positions are not interpolated). No vocabulary (<see cref="ModelConfig.VocabSize"/> is 0).
/// </summary>
internal class VitArchitecture : TransformerArchitecture<VisionSettings>
{
    private const string Classification = "ViTForImageClassification";

    public override IReadOnlyList<string> Names { get; } = [Classification, "ViTModel"];

    protected override ModelConfigKeys Keys { get; } = new() { Vocabulary = false };

    internal override VisionSettings Settings(ModelConfig config) => VisionSettings.Read(config, layerNormEps: 1e-12, imageSize: 224, patchSize: 16);

    /// <summary>"vit." for ViTForImageClassification checkpoints, "" for those saved from the bare ViTModel.</summary>
    protected virtual VisionTensorNames TensorNames(ModelConfig config, ITensorSource weights) => VisionTensorNames.Under(
        CheckpointTensors.ResolvePrefix(weights, "embeddings.cls_token", "vit.", ""),
        config.Architecture == Classification ? "classifier" : null);

    protected override string BlockPrefix(ModelConfig config, ITensorSource weights) => TensorNames(config, weights).Layers;

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, VisionSettings settings)
    {
        var hidden = block.Config.HiddenSize;
        return block.AttentionLinears(
                "attention.attention.query", "attention.attention.key", "attention.attention.value", "attention.output.dense", hidden, hidden, settings.QkvBias, outputBias: true)
            .Concat(DescribeMlp(block));
    }

    /// <summary>intermediate.dense, then output.dense.</summary>
    protected virtual IEnumerable<LinearSpec> DescribeMlp(BlockSite block) =>
        block.MlpLinears(gate: null, "intermediate.dense", "output.dense", block.Config.IntermediateSize, bias: true);

    protected override PrunableModel CreateModel(
        ModelConfig config, VisionSettings settings, ITensorSource weights, Func<IReadOnlyList<TransformerBlock>> createBlocks) =>
        VisionEncoderModel.Create(config, settings, weights, TensorNames(config, weights), createBlocks);

    protected override Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, VisionSettings settings)
    {
        var activation = Activations.Resolve(settings.Activation, "hidden_act");
        return (block, specs) => new ResidualBlock(block, specs, Parts(block, settings, activation));
    }

    /// <summary>x + attention(layernorm_before(x)), then h + output(act(intermediate(layernorm_after(h)))).</summary>
    protected virtual BlockParts Parts(BlockSite block, VisionSettings settings, Func<Tensor, Tensor> activation) =>
        new(block.LayerNorm("layernorm_before", settings.LayerNormEps), Attention(block.Config), block.LayerNorm("layernorm_after", settings.LayerNormEps), activation);

    /// <summary>Bidirectional: an encoder's tokens see each other.</summary>
    protected static SelfAttention Attention(ModelConfig config) => SelfAttention.PerHead(config.NumHeads, config.HeadDim) with { Causal = false };
}

/// <summary>The settings of a ViT-style encoder's config.json beyond <see cref="ModelConfig"/>.</summary>
internal sealed record VisionSettings(
    double LayerNormEps,
    int ImageSize,
    int PatchSize,
    int Channels,
    string Activation,
    bool QkvBias)
{
    public int PatchesPerSide => ImageSize / PatchSize;

    public int Tokens => (PatchesPerSide * PatchesPerSide) + 1;

    public ImageShape Input => new(Channels, ImageSize, ImageSize);

    /// <param name="layerNormEps">The model family's default (ViT 1e-12, DINOv2 1e-6).</param>
    public static VisionSettings Read(ModelConfig config, double layerNormEps, int imageSize, int patchSize)
    {
        var json = config.Json;
        var activation = json.String("hidden_act") ?? "gelu";
        _ = Activations.Resolve(activation, "hidden_act");
        var settings = new VisionSettings(
            json.Double("layer_norm_eps", layerNormEps),
            json.PositiveInt("image_size", imageSize),
            json.PositiveInt("patch_size", patchSize),
            json.PositiveInt("num_channels", 3),
            activation,
            json.Bool("qkv_bias", true));
        if (settings.ImageSize % settings.PatchSize != 0)
        {
            throw new InvalidModelException($"config.json: image_size ({settings.ImageSize}) must be a multiple of patch_size ({settings.PatchSize}).");
        }

        return settings;
    }
}
