using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Llama-family embeddings (embed_tokens) and head (final RMSNorm, then lm_head or the tied embedding).</summary>
internal sealed class LlamaModel : PrunableModel
{
    private readonly LlamaSettings _settings;
    private readonly LazyTensor _embedTokens;
    private readonly LazyTensor _norm;
    private readonly LazyTensor _lmHead;
    private readonly LazyTensor[] _outer;

    private LlamaModel(ModelConfig config, LlamaSettings settings, ITensorSource weights, string prefix, IReadOnlyList<TransformerBlock> blocks)
        : base(config, weights, blocks)
    {
        _settings = settings;
        _embedTokens = new LazyTensor(weights, prefix + "embed_tokens.weight");
        _norm = new LazyTensor(weights, prefix + "norm.weight");
        _lmHead = config.TieWordEmbeddings ? _embedTokens : new LazyTensor(weights, "lm_head.weight");
        _outer = config.TieWordEmbeddings ? [_embedTokens, _norm] : [_embedTokens, _norm, _lmHead];
    }

    protected override IReadOnlyList<LazyTensor> OuterWeights => _outer;

    internal LlamaSettings Settings => _settings;

    /// <summary>Checks the weights outside the blocks first, then builds the blocks and the model.</summary>
    public static LlamaModel Create(
        ModelConfig config, LlamaSettings settings, ITensorSource weights, string prefix, Func<IReadOnlyList<TransformerBlock>> createBlocks)
    {
        CheckpointTensors.Require(weights, prefix + "embed_tokens.weight", config.VocabSize, config.HiddenSize);
        CheckpointTensors.Require(weights, prefix + "norm.weight", config.HiddenSize);
        if (!config.TieWordEmbeddings)
        {
            CheckpointTensors.Require(weights, "lm_head.weight", config.VocabSize, config.HiddenSize);
        }

        return new LlamaModel(config, settings, weights, prefix, createBlocks());
    }

    protected override Tensor EmbedCore(Tensor input) => TokenEmbedding.Lookup(_embedTokens, input, Config.VocabSize);

    protected override Tensor HeadCore(Tensor hidden) =>
        nn.functional.linear(RmsNorm.Apply(hidden, _norm.Value, _settings.RmsNormEps), _lmHead.Value);
}
