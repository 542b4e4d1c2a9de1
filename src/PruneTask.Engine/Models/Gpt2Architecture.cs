using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// GPT-2: learned positions, pre-LayerNorm blocks, Conv1D linears stored [in, out] (each is read as [out, in] and
/// written back as stored), one fused c_attn (q, k, v along its outputs), gelu_new MLP, head tied to wte.
/// </summary>
internal sealed class Gpt2Architecture() : DecoderArchitecture<Gpt2Settings>(Gpt2Model.Create, "h.", "wte.weight", "transformer.", "")
{
    public override IReadOnlyList<string> Names { get; } = ["GPT2LMHeadModel"];

    protected override ModelConfigKeys Keys { get; } = new()
    {
        HiddenSize = "n_embd",
        Heads = "n_head",
        Layers = "n_layer",
        IntermediateSize = (json, hidden) => json.PositiveInt("n_inner", 4 * hidden),
        TieWordEmbeddings = true,
    };

    internal override Gpt2Settings Settings(ModelConfig config) => Gpt2Settings.Read(config);

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, Gpt2Settings settings)
    {
        var (hidden, inner, heads) = (block.Config.HiddenSize, block.Shape.IntermediateSize, (long)block.Shape.NumHeads * block.Config.HeadDim);
        LinearSpec Conv1D(string name, (LinearRole, long)[] parts, long inFeatures) => block.Linear(name, parts, name, inFeatures, biasRequired: true, WeightLayout.InOut);

        yield return Conv1D("attn.c_attn", [(LinearRole.Query, heads), (LinearRole.Key, heads), (LinearRole.Value, heads)], hidden);
        yield return Conv1D("attn.c_proj", [(LinearRole.Output, hidden)], heads);
        yield return Conv1D("mlp.c_fc", [(LinearRole.Up, inner)], hidden);
        yield return Conv1D("mlp.c_proj", [(LinearRole.Down, hidden)], inner);
    }

    /// <summary>x + c_proj(attention(split(c_attn(ln_1(x))))), then h + c_proj(act(c_fc(ln_2(h)))).</summary>
    protected override Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, Gpt2Settings settings)
    {
        var activation = Activations.Resolve(settings.Activation, "activation_function");
        return (block, specs) => new ResidualBlock(block, specs, new BlockParts(
            block.LayerNorm("ln_1", settings.LayerNormEps),
            SelfAttention.PerHead(block.Shape.NumHeads, config.HeadDim) with { Scale = settings.AttentionScale(config.HeadDim, block.Index) },
            block.LayerNorm("ln_2", settings.LayerNormEps),
            activation));
    }
}

/// <summary>The GPT-2 settings of config.json beyond <see cref="ModelConfig"/>.</summary>
internal sealed record Gpt2Settings(
    double LayerNormEps,
    int MaxPositions,
    string Activation,
    bool ScaleAttentionWeights,
    bool ScaleByInverseLayerIndex)
{
    public static Gpt2Settings Read(ModelConfig config)
    {
        var json = config.Json;
        var activation = json.String("activation_function") ?? "gelu_new";
        _ = Activations.Resolve(activation, "activation_function");
        return new Gpt2Settings(
            json.Double("layer_norm_epsilon", 1e-5),
            json.PositiveInt("n_positions", 1024),
            activation,
            json.Bool("scale_attn_weights", true),
            json.Bool("scale_attn_by_inverse_layer_idx", false));
    }

    /// <summary>The factor on q·kᵀ in block <paramref name="index"/>: 1/√head_dim when scale_attn_weights, and 1/(index + 1) more when scale_attn_by_inverse_layer_idx.</summary>
    public double AttentionScale(int headDim, int index) =>
        (ScaleAttentionWeights ? 1.0 / Math.Sqrt(headDim) : 1.0) / (ScaleByInverseLayerIndex ? index + 1 : 1);
}
