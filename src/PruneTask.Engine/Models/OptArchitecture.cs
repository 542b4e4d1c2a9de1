using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// OPT decoders: learned positions (offset 2), LayerNorm before or after each sublayer (do_layer_norm_before),
/// ReLU MLP fc1/fc2, biases, and project_in/project_out when word_embed_proj_dim differs from hidden_size.
/// </summary>
internal sealed class OptArchitecture() : DecoderArchitecture<OptSettings>(OptModel.Create, "layers.", "embed_tokens.weight", "model.decoder.", "decoder.")
{
    public override IReadOnlyList<string> Names { get; } = ["OPTForCausalLM"];

    protected override ModelConfigKeys Keys { get; } = new() { IntermediateSize = (json, _) => json.PositiveInt("ffn_dim"), TieWordEmbeddings = true };

    internal override OptSettings Settings(ModelConfig config) => OptSettings.Read(config);

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, OptSettings settings)
    {
        var heads = (long)block.Shape.NumHeads * block.Config.HeadDim;
        return block.AttentionLinears("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj", heads, heads, settings.EnableBias, settings.EnableBias)
            .Concat(block.MlpLinears(gate: null, "fc1", "fc2", block.Shape.IntermediateSize, settings.EnableBias));
    }

    /// <summary>Pre-LN (OPT-125m): x + attn(ln(x)), then h + fc2(relu(fc1(ln(h)))). Post-LN (OPT-350m): ln(x + attn(x)), then ln(h + fc2(relu(fc1(h)))).</summary>
    protected override Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, OptSettings settings)
    {
        var activation = Activations.Resolve(settings.Activation, "activation_function");
        return (block, specs) => new ResidualBlock(block, specs, new BlockParts(
            block.LayerNorm("self_attn_layer_norm", OptSettings.LayerNormEps, settings.LayerNormAffine),
            SelfAttention.PerHead(block.Shape.NumHeads, config.HeadDim),
            block.LayerNorm("final_layer_norm", OptSettings.LayerNormEps, settings.LayerNormAffine),
            activation)
        {
            NormAfter = !settings.LayerNormBefore,
        });
    }
}

/// <summary>The OPT settings of config.json beyond <see cref="ModelConfig"/>.</summary>
internal sealed record OptSettings(
    bool LayerNormBefore,
    bool FinalLayerNorm,
    bool LayerNormAffine,
    bool EnableBias,
    int WordEmbedProjDim,
    int MaxPositions,
    string Activation)
{
    /// <summary>OPT's embed_positions table has this many extra leading rows: position p is row p + 2.</summary>
    public const int PositionOffset = 2;

    /// <summary>torch.nn.LayerNorm's default, which OPT keeps.</summary>
    public const double LayerNormEps = 1e-5;

    public bool HasProjections(ModelConfig config) => WordEmbedProjDim != config.HiddenSize;

    public static OptSettings Read(ModelConfig config)
    {
        var json = config.Json;
        var layerNormBefore = json.Bool("do_layer_norm_before", true);
        var activation = json.String("activation_function") ?? "relu";
        _ = Activations.Resolve(activation, "activation_function");
        return new OptSettings(
            layerNormBefore,
            layerNormBefore && !json.Bool("_remove_final_layer_norm", false),
            json.Bool("layer_norm_elementwise_affine", true),
            json.Bool("enable_bias", true),
            json.PositiveInt("word_embed_proj_dim", config.HiddenSize),
            json.PositiveInt("max_position_embeddings"),
            activation);
    }
}
