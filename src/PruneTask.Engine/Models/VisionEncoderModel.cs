using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// The embeddings and head of a ViT-style encoder (ViT, DINOv2). Embed: non-overlapping patches projected by a
/// convolution, a CLS token in front, learned positions added. Head: the final LayerNorm, then the classifier on the
/// CLS token ([batch, classes]) when the checkpoint has one, else the normed tokens ([batch, tokens, hidden]).
/// </summary>
internal sealed class VisionEncoderModel : PrunableModel, IImageModel
{
    private readonly VisionSettings _settings;
    private readonly LazyTensor _clsToken;
    private readonly LazyTensor _positions;
    private readonly LazyTensor _patchWeight;
    private readonly LazyTensor _patchBias;
    private readonly LayerNormWeights _finalNorm;
    private readonly LazyTensor? _classifierWeight;
    private readonly LazyTensor? _classifierBias;
    private readonly LazyTensor[] _outer;

    private VisionEncoderModel(
        ModelConfig config, VisionSettings settings, ITensorSource weights, VisionTensorNames names, int? classes, IReadOnlyList<TransformerBlock> blocks)
        : base(config, weights, blocks)
    {
        _settings = settings;
        _clsToken = new LazyTensor(weights, names.Embeddings + "cls_token");
        _positions = new LazyTensor(weights, names.Embeddings + "position_embeddings");
        _patchWeight = new LazyTensor(weights, names.Embeddings + "patch_embeddings.projection.weight");
        _patchBias = new LazyTensor(weights, names.Embeddings + "patch_embeddings.projection.bias");
        _finalNorm = new LayerNormWeights(weights, names.FinalNorm, config.HiddenSize, affine: true, settings.LayerNormEps);
        if (classes is not null)
        {
            _classifierWeight = new LazyTensor(weights, names.Classifier + ".weight");
            _classifierBias = new LazyTensor(weights, names.Classifier + ".bias");
        }

        ClassCount = classes;
        _outer = new[] { _clsToken, _positions, _patchWeight, _patchBias, _classifierWeight, _classifierBias }
            .OfType<LazyTensor>()
            .Concat(_finalNorm.Tensors)
            .ToArray();
    }

    public ImageShape ImageInput => _settings.Input;

    public int? ClassCount { get; }

    protected override IReadOnlyList<LazyTensor> OuterWeights => _outer;

    /// <summary>Checks the weights outside the blocks first (a classifier is used when the checkpoint has one), then builds the blocks and the model.</summary>
    public static VisionEncoderModel Create(
        ModelConfig config, VisionSettings settings, ITensorSource weights, VisionTensorNames names, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        var hidden = config.HiddenSize;
        CheckpointTensors.Require(weights, names.Embeddings + "cls_token", 1, 1, hidden);
        CheckpointTensors.Require(weights, names.Embeddings + "position_embeddings", 1, settings.Tokens, hidden);
        CheckpointTensors.Require(weights, names.Embeddings + "patch_embeddings.projection.weight", hidden, settings.Channels, settings.PatchSize, settings.PatchSize);
        CheckpointTensors.Require(weights, names.Embeddings + "patch_embeddings.projection.bias", hidden);
        int? classes = null;
        if (names.Classifier is { } classifier && weights.Contains(classifier + ".weight"))
        {
            classes = checked((int)weights.Info(classifier + ".weight").Shape[0]);
            CheckpointTensors.Require(weights, classifier + ".weight", classes.Value, hidden);
            CheckpointTensors.Require(weights, classifier + ".bias", classes.Value);
        }

        return new VisionEncoderModel(config, settings, weights, names, classes, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input)
    {
        var expected = _settings.Input;
        if (input.dim() != 4 || input.dtype != float32 || input.shape[1] != expected.Channels || input.shape[2] != expected.Height || input.shape[3] != expected.Width)
        {
            throw new ArgumentException(
                $"{Config.Architecture} takes float32 pixel values [batch, {expected.Channels}, {expected.Height}, {expected.Width}], not {input.dtype} [{string.Join(", ", input.shape)}].",
                nameof(input));
        }

        var patch = _settings.PatchSize;
        var patches = nn.functional.conv2d(input, _patchWeight.Value, _patchBias.Value, strides: [patch, patch]).flatten(2).transpose(1, 2);
        var cls = _clsToken.Value.expand(input.shape[0], -1, -1);
        return cat([cls, patches], 1).add(_positions.Value, RootedScalars.One);
    }

    protected override Tensor HeadCore(Tensor hidden)
    {
        var normed = _finalNorm.Apply(hidden);
        return _classifierWeight is null
            ? normed
            : nn.functional.linear(normed.select(1, 0), _classifierWeight.Value, _classifierBias!.Value);
    }
}

/// <summary>Where a ViT-style checkpoint keeps the tensors outside its blocks.</summary>
/// <param name="Embeddings">Prefix of cls_token, position_embeddings and patch_embeddings.projection, e.g. "vit.embeddings.".</param>
/// <param name="Layers">Prefix of the blocks, followed by the block index, e.g. "vit.encoder.layer.".</param>
/// <param name="FinalNorm">The final LayerNorm's module name, e.g. "vit.layernorm".</param>
/// <param name="Classifier">The classifier's module name, or null for a backbone.</param>
internal sealed record VisionTensorNames(string Embeddings, string Layers, string FinalNorm, string? Classifier)
{
    /// <summary>Names under <paramref name="prefix"/> ("vit.", "dinov2." or "" for a bare backbone).</summary>
    public static VisionTensorNames Under(string prefix, string? classifier) =>
        new(prefix + "embeddings.", prefix + "encoder.layer.", prefix + "layernorm", classifier);
}
