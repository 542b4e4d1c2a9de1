using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Llama, Mistral and Qwen2 decoders: RMSNorm, rotary attention with grouped key/value heads, SwiGLU MLP.
/// Biases are used wherever the checkpoint holds them (Qwen2's q/k/v) and required where config.json says so.
/// </summary>
internal class LlamaArchitecture : TransformerArchitecture<LlamaSettings>
{
    public override IReadOnlyList<string> Names { get; } = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"];

    protected override ModelConfigKeys Keys { get; } = new() { KeyValueHeads = true, HeadDim = true };

    /// <summary>"model." for *ForCausalLM checkpoints, "" for those saved from the bare base model.</summary>
    internal static string Prefix(ITensorSource weights) => CheckpointTensors.ResolvePrefix(weights, "embed_tokens.weight", "model.", "");

    internal override LlamaSettings Settings(ModelConfig config) => LlamaSettings.Read(config);

    protected override string BlockPrefix(ModelConfig config, ITensorSource weights) => Prefix(weights) + "layers.";

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

    protected override PrunableModel CreateModel(
        ModelConfig config, LlamaSettings settings, ITensorSource weights, Func<IReadOnlyList<TransformerBlock>> createBlocks) =>
        LlamaModel.Create(config, settings, weights, Prefix(weights), createBlocks);

    protected static RotaryEmbedding Rotary(ModelConfig config, LlamaSettings settings) => new(config.HeadDim, settings.RopeTheta, settings.RopeScaling);
}
