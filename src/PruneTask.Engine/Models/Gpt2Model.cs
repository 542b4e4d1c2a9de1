using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>GPT-2 embeddings (wte + wpe at positions 0..T-1) and head (ln_f, then lm_head or the tied wte).</summary>
internal sealed class Gpt2Model : DecoderModel<Gpt2Settings>
{
    private readonly LazyTensor _positionEmbedding;
    private readonly LayerNormWeights _finalNorm;

    private Gpt2Model(ModelConfig config, Gpt2Settings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, settings, weights, prefix, prefix + "wte.weight", blocks)
    {
        _positionEmbedding = new LazyTensor(weights, prefix + "wpe.weight");
        _finalNorm = new LayerNormWeights(weights, prefix + "ln_f", config.HiddenSize, affine: true, settings.LayerNormEps);
    }

    protected override IEnumerable<LazyTensor> FamilyWeights => [_positionEmbedding, .. _finalNorm.Tensors];

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static Gpt2Model Create(
        ModelConfig config, Gpt2Settings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        RequireEnds(config, weights, prefix + "wte.weight", config.HiddenSize);
        CheckpointTensors.Require(weights, prefix + "wpe.weight", settings.MaxPositions, config.HiddenSize);
        return new Gpt2Model(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input)
    {
        var tokens = LookupTokens(input);
        CheckLength(input, Settings.MaxPositions, "GPT-2", "n_positions");
        return tokens.add(_positionEmbedding.Value.narrow(0, 0, input.shape[1]), RootedScalars.One);
    }

    protected override Tensor HeadCore(Tensor hidden) => ToVocabulary(_finalNorm.Apply(hidden));
}
