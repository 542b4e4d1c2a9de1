using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Llama-family embeddings (embed_tokens) and head (final RMSNorm, then lm_head or the tied embedding).</summary>
internal sealed class LlamaModel : DecoderModel<LlamaSettings>
{
    private readonly LazyTensor _norm;

    private LlamaModel(ModelConfig config, LlamaSettings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, settings, weights, prefix, prefix + "embed_tokens.weight", blocks)
    {
        _norm = new LazyTensor(weights, prefix + "norm.weight");
    }

    protected override IEnumerable<LazyTensor> FamilyWeights => [_norm];

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static LlamaModel Create(
        ModelConfig config, LlamaSettings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        RequireEnds(config, weights, prefix + "embed_tokens.weight", config.HiddenSize);
        CheckpointTensors.Require(weights, prefix + "norm.weight", config.HiddenSize);
        return new LlamaModel(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input) => LookupTokens(input);

    protected override Tensor HeadCore(Tensor hidden) => ToVocabulary(RmsNorm.Apply(hidden, _norm.Value, Settings.RmsNormEps));
}
