using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Llama, Mistral and Qwen2 decoders: RMSNorm, rotary attention with grouped key/value heads, SwiGLU MLP.
/// Biases are used wherever the checkpoint holds them (Qwen2's q/k/v) and required where config.json says so.
/// </summary>
internal class LlamaArchitecture() : DecoderArchitecture<LlamaSettings>(LlamaModel.Create, "layers.", "embed_tokens.weight", "model.", "")
{
    public override IReadOnlyList<string> Names { get; } = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"];

    protected override ModelConfigKeys Keys { get; } = new() { KeyValueHeads = true, HeadDim = true };

    internal override LlamaSettings Settings(ModelConfig config) => LlamaSettings.Read(config);

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, LlamaSettings settings)
    {
        var (queryWidth, keyValueWidth) = ((long)block.Shape.NumHeads * block.Config.HeadDim, (long)block.Shape.NumKeyValueHeads * block.Config.HeadDim);
        return block.AttentionLinears("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", queryWidth, keyValueWidth, settings.AttentionBias, settings.AttentionBias)
            .Concat(block.MlpLinears("mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", block.Shape.IntermediateSize, settings.MlpBias));
    }

    /// <summary>x + attention(rmsnorm(x)), then h + down(silu(gate(n)) · up(n)) with n = rmsnorm(h); one rotary embedding for all blocks.</summary>
    protected override Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, LlamaSettings settings)
    {
        var rotary = Rotary(config, settings);
        return (block, specs) =>
        {
            var hidden = config.HiddenSize;
            var attention = SelfAttention.Grouped(block.Shape, config.HeadDim) with { Rotary = rotary, SlidingWindow = settings.SlidingWindow };
            return new ResidualBlock(block, specs, new BlockParts(
                new RmsNormWeights(block.Tensor("input_layernorm.weight", hidden), settings.RmsNormEps),
                attention,
                new RmsNormWeights(block.Tensor("post_attention_layernorm.weight", hidden), settings.RmsNormEps),
                Activation: null));
        };
    }

    protected static RotaryEmbedding Rotary(ModelConfig config, LlamaSettings settings) => new(config.HeadDim, settings.RopeTheta, settings.RopeScaling);
}

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
