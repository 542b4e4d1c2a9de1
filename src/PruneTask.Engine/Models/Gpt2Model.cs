using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>GPT-2 embeddings (wte + wpe at positions 0..T-1) and head (ln_f, then lm_head or the tied wte).</summary>
internal sealed class Gpt2Model : PrunableModel
{
    private readonly Gpt2Settings _settings;
    private readonly LazyTensor _tokenEmbedding;
    private readonly LazyTensor _positionEmbedding;
    private readonly LayerNormWeights _finalNorm;
    private readonly LazyTensor _lmHead;
    private readonly LazyTensor[] _outer;

    private Gpt2Model(ModelConfig config, Gpt2Settings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, weights, blocks)
    {
        _settings = settings;
        _tokenEmbedding = new LazyTensor(weights, prefix + "wte.weight");
        _positionEmbedding = new LazyTensor(weights, prefix + "wpe.weight");
        _finalNorm = new LayerNormWeights(weights, prefix + "ln_f", config.HiddenSize, affine: true, settings.LayerNormEps);
        _lmHead = config.TieWordEmbeddings ? _tokenEmbedding : new LazyTensor(weights, "lm_head.weight");
        _outer = [_tokenEmbedding, _positionEmbedding, .. _finalNorm.Tensors, .. config.TieWordEmbeddings ? Array.Empty<LazyTensor>() : [_lmHead]];
    }

    protected override IReadOnlyList<LazyTensor> OuterWeights => _outer;

    internal Gpt2Settings Settings => _settings;

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static Gpt2Model Create(
        ModelConfig config, Gpt2Settings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        CheckpointTensors.Require(weights, prefix + "wte.weight", config.VocabSize, config.HiddenSize);
        CheckpointTensors.Require(weights, prefix + "wpe.weight", settings.MaxPositions, config.HiddenSize);
        if (!config.TieWordEmbeddings)
        {
            CheckpointTensors.Require(weights, "lm_head.weight", config.VocabSize, config.HiddenSize);
        }

        return new Gpt2Model(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input)
    {
        var tokens = TokenEmbedding.Lookup(_tokenEmbedding, input, Config.VocabSize);
        var length = input.shape[1];
        if (length > _settings.MaxPositions)
        {
            throw new ArgumentException($"GPT-2 takes at most {_settings.MaxPositions} tokens (n_positions), not {length}.", nameof(input));
        }

        return tokens.add(_positionEmbedding.Value.narrow(0, 0, length), RootedScalars.One);
    }

    protected override Tensor HeadCore(Tensor hidden) => nn.functional.linear(_finalNorm.Apply(hidden), _lmHead.Value);
}
