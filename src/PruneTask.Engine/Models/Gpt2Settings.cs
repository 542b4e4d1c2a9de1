namespace PruneTask.Engine.Models;

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
