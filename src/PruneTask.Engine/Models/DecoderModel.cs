using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// What every language model's ends share: the token embedding, and the head's projection to the vocabulary by
/// lm_head or, when tie_word_embeddings, by the token embedding itself; and the family's settings and tensor prefix,
/// which its ONNX graph reads too.
/// </summary>
/// <typeparam name="TSettings">The family's settings of config.json beyond <see cref="ModelConfig"/>.</typeparam>
internal abstract class DecoderModel<TSettings> : PrunableModel
{
    private const string LmHeadName = "lm_head.weight";
    private readonly LazyTensor _tokens;
    private readonly LazyTensor _lmHead;
    private LazyTensor[]? _outer;

    protected DecoderModel(ModelConfig config, TSettings settings, ITensorSource weights, string prefix, string tokenTable, IReadOnlyList<TransformerBlock> blocks)
        : base(config, weights, blocks)
    {
        Settings = settings;
        Prefix = prefix;
        TokenTable = tokenTable;
        _tokens = new LazyTensor(weights, tokenTable);
        _lmHead = config.TieWordEmbeddings ? _tokens : new LazyTensor(weights, LmHeadName);
    }

    internal TSettings Settings { get; }

    /// <summary>What the checkpoint's names outside lm_head start with ("model.", "transformer.", "").</summary>
    internal string Prefix { get; }

    /// <summary>The token embedding's tensor name, e.g. model.embed_tokens.weight.</summary>
    internal string TokenTable { get; }

    protected sealed override IReadOnlyList<LazyTensor> OuterWeights =>
        _outer ??= [_tokens, .. FamilyWeights, .. Config.TieWordEmbeddings ? Array.Empty<LazyTensor>() : [_lmHead]];

    /// <summary>The weights outside the blocks other than the token embedding and lm_head (norms, positions, projections).</summary>
    protected abstract IEnumerable<LazyTensor> FamilyWeights { get; }

    /// <summary>Checks the token embedding, and lm_head unless tied, as [vocabulary, <paramref name="width"/>].</summary>
    protected static void RequireEnds(ModelConfig config, ITensorSource weights, string tokenTable, long width)
    {
        CheckpointTensors.Require(weights, tokenTable, config.VocabSize, width);
        if (!config.TieWordEmbeddings)
        {
            CheckpointTensors.Require(weights, LmHeadName, config.VocabSize, width);
        }
    }

    /// <summary>Token ids [B, T] → their embeddings, float32 [B, T, width].</summary>
    protected Tensor LookupTokens(Tensor input) => TokenEmbedding.Lookup(_tokens, input, Config.VocabSize);

    /// <summary>[B, T, width] → logits [B, T, vocabulary].</summary>
    protected Tensor ToVocabulary(Tensor hidden) => nn.functional.linear(hidden, _lmHead.Value);

    /// <summary>Learned positions cover only so many tokens.</summary>
    protected static void CheckLength(Tensor input, int maxPositions, string family, string key)
    {
        var length = input.shape[1];
        if (length > maxPositions)
        {
            throw new ArgumentException($"{family} takes at most {maxPositions} tokens ({key}), not {length}.", nameof(input));
        }
    }
}
