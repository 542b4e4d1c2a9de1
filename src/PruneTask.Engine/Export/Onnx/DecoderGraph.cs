using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The graph of a causal decoder as its <see cref="DecoderModel{TSettings}"/> computes it: the token embedding (and
/// what the family adds to it), each block in turn, the final layers, then the head. A family gives the parts.
/// </summary>
internal abstract class DecoderGraph<TSettings>(OnnxDecoder decoder, DecoderModel<TSettings> model)
{
    protected OnnxDecoder Decoder { get; } = decoder;

    protected OnnxGraphBuilder Graph => Decoder.Graph;

    protected ModelConfig Config => model.Config;

    protected TSettings Settings => model.Settings;

    /// <summary>What the checkpoint's names outside the blocks start with.</summary>
    protected string Prefix => model.Prefix;

    protected IO.ITensorSource Weights => model.Weights;

    public void Build(FactoredWeights? factored)
    {
        var hidden = Embed(Decoder.EmbedTokens(model));
        foreach (var block in Decoder.Blocks(model, factored))
        {
            hidden = Block(block, hidden);
        }

        Decoder.Head(Final(hidden), model);
    }

    /// <summary>The first block's input from the token embedding: positions, projections; the tokens themselves by default.</summary>
    protected virtual string Embed(string tokens) => tokens;

    protected abstract string Block(OnnxBlock block, string hidden);

    /// <summary>What comes between the last block and the head (a final norm, a projection).</summary>
    protected abstract string Final(string hidden);
}
