namespace PruneTask.Engine.Models;

/// <summary>The Llama-family settings of config.json beyond <see cref="ModelConfig"/>.</summary>
internal sealed record LlamaSettings(
    double RmsNormEps,
    double RopeTheta,
    ConfigJson? RopeScaling,
    bool AttentionBias,
    bool MlpBias,
    int? SlidingWindow)
{
    public static LlamaSettings Read(ModelConfig config)
    {
        var json = config.Json;
        var activation = json.String("hidden_act") ?? "silu";
        if (activation is not ("silu" or "swish"))
        {
            throw new UnsupportedModelException($"config.json: hidden_act '{activation}' is not supported for {config.Architecture} (SwiGLU needs silu).");
        }

        return new LlamaSettings(
            json.Double("rms_norm_eps", 1e-6),
            json.Double("rope_theta", 10000.0),
            json.Object("rope_scaling"),
            json.Bool("attention_bias", false),
            json.Bool("mlp_bias", false),
            ReadSlidingWindow(config));
    }

    /// <summary>Mistral limits attention to sliding_window tokens when set; Qwen2's per-layer window (use_sliding_window) is not implemented.</summary>
    private static int? ReadSlidingWindow(ModelConfig config) => config.Architecture switch
    {
        "MistralForCausalLM" => config.Json.Has("sliding_window") ? config.Json.Int("sliding_window") : null,
        "Qwen2ForCausalLM" when config.Json.Bool("use_sliding_window", false) =>
            throw new UnsupportedModelException("config.json: use_sliding_window true is not supported for Qwen2ForCausalLM."),
        _ => null,
    };
}
