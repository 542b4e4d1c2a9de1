namespace PruneTask.Engine.Models;

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
