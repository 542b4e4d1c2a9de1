using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// OPT embeddings (tokens, project_in, learned positions at offset 2) and head (final LayerNorm when pre-LN,
/// project_out, then lm_head or the tied token embedding).
/// </summary>
internal sealed class OptModel : PrunableModel
{
    private readonly OptSettings _settings;
    private readonly LazyTensor _embedTokens;
    private readonly LazyTensor _embedPositions;
    private readonly LazyTensor? _projectIn;
    private readonly LazyTensor? _projectOut;
    private readonly LayerNormWeights? _finalNorm;
    private readonly LazyTensor _lmHead;
    private readonly LazyTensor[] _outer;

    private OptModel(ModelConfig config, OptSettings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, weights, blocks)
    {
        _settings = settings;
        _embedTokens = new LazyTensor(weights, prefix + "embed_tokens.weight");
        _embedPositions = new LazyTensor(weights, prefix + "embed_positions.weight");
        if (settings.HasProjections(config))
        {
            _projectIn = new LazyTensor(weights, prefix + "project_in.weight");
            _projectOut = new LazyTensor(weights, prefix + "project_out.weight");
        }

        _finalNorm = settings.FinalLayerNorm
            ? new LayerNormWeights(weights, prefix + "final_layer_norm", config.HiddenSize, settings.LayerNormAffine, OptSettings.LayerNormEps)
            : null;
        _lmHead = config.TieWordEmbeddings ? _embedTokens : new LazyTensor(weights, "lm_head.weight");
        _outer = new[] { _embedTokens, _embedPositions, _projectIn, _projectOut, config.TieWordEmbeddings ? null : _lmHead }
            .OfType<LazyTensor>()
            .Concat(_finalNorm?.Tensors ?? [])
            .ToArray();
    }

    protected override IReadOnlyList<LazyTensor> OuterWeights => _outer;

    internal OptSettings Settings => _settings;

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static OptModel Create(
        ModelConfig config, OptSettings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        var (hidden, projection) = (config.HiddenSize, settings.WordEmbedProjDim);
        CheckpointTensors.Require(weights, prefix + "embed_tokens.weight", config.VocabSize, projection);
        CheckpointTensors.Require(weights, prefix + "embed_positions.weight", settings.MaxPositions + OptSettings.PositionOffset, hidden);
        if (settings.HasProjections(config))
        {
            CheckpointTensors.Require(weights, prefix + "project_in.weight", hidden, projection);
            CheckpointTensors.Require(weights, prefix + "project_out.weight", projection, hidden);
        }

        if (!config.TieWordEmbeddings)
        {
            CheckpointTensors.Require(weights, "lm_head.weight", config.VocabSize, projection);
        }

        return new OptModel(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input)
    {
        var tokens = TokenEmbedding.Lookup(_embedTokens, input, Config.VocabSize);
        if (_projectIn is not null)
        {
            tokens = nn.functional.linear(tokens, _projectIn.Value);
        }

        var length = input.shape[1];
        if (length > _settings.MaxPositions)
        {
            throw new ArgumentException($"OPT takes at most {_settings.MaxPositions} tokens (max_position_embeddings), not {length}.", nameof(input));
        }

        return tokens.add(_embedPositions.Value.narrow(0, OptSettings.PositionOffset, length), RootedScalars.One);
    }

    protected override Tensor HeadCore(Tensor hidden)
    {
        var normed = _finalNorm?.Apply(hidden) ?? hidden;
        var projected = _projectOut is null ? normed : nn.functional.linear(normed, _projectOut.Value);
        return nn.functional.linear(projected, _lmHead.Value);
    }
}
