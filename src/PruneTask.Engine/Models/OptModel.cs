using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// OPT embeddings (tokens, project_in, learned positions at offset 2) and head (final LayerNorm when pre-LN,
/// project_out, then lm_head or the tied token embedding).
/// </summary>
internal sealed class OptModel : DecoderModel<OptSettings>
{
    private readonly LazyTensor _embedPositions;
    private readonly LazyTensor? _projectIn;
    private readonly LazyTensor? _projectOut;
    private readonly LayerNormWeights? _finalNorm;

    private OptModel(ModelConfig config, OptSettings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, settings, weights, prefix, prefix + "embed_tokens.weight", blocks)
    {
        _embedPositions = new LazyTensor(weights, prefix + "embed_positions.weight");
        if (settings.HasProjections(config))
        {
            _projectIn = new LazyTensor(weights, prefix + "project_in.weight");
            _projectOut = new LazyTensor(weights, prefix + "project_out.weight");
        }

        _finalNorm = settings.FinalLayerNorm
            ? new LayerNormWeights(weights, prefix + "final_layer_norm", config.HiddenSize, settings.LayerNormAffine, OptSettings.LayerNormEps)
            : null;
    }

    protected override IEnumerable<LazyTensor> FamilyWeights =>
        new[] { _embedPositions, _projectIn, _projectOut }.OfType<LazyTensor>().Concat(_finalNorm?.Tensors ?? []);

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static OptModel Create(
        ModelConfig config, OptSettings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        var (hidden, projection) = (config.HiddenSize, settings.WordEmbedProjDim);
        RequireEnds(config, weights, prefix + "embed_tokens.weight", projection);
        CheckpointTensors.Require(weights, prefix + "embed_positions.weight", settings.MaxPositions + OptSettings.PositionOffset, hidden);
        if (settings.HasProjections(config))
        {
            CheckpointTensors.Require(weights, prefix + "project_in.weight", hidden, projection);
            CheckpointTensors.Require(weights, prefix + "project_out.weight", projection, hidden);
        }

        return new OptModel(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input)
    {
        var tokens = LookupTokens(input);
        if (_projectIn is not null)
        {
            tokens = nn.functional.linear(tokens, _projectIn.Value);
        }

        CheckLength(input, Settings.MaxPositions, "OPT", "max_position_embeddings");
        return tokens.add(_embedPositions.Value.narrow(0, OptSettings.PositionOffset, input.shape[1]), RootedScalars.One);
    }

    protected override Tensor HeadCore(Tensor hidden)
    {
        var normed = _finalNorm?.Apply(hidden) ?? hidden;
        var projected = _projectOut is null ? normed : nn.functional.linear(normed, _projectOut.Value);
        return ToVocabulary(projected);
    }
}
