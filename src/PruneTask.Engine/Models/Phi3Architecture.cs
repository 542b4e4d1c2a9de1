using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Phi-3: a Llama-family decoder whose q, k and v share one fused qkv_proj (rows: query heads, key heads, value
/// heads) and whose gate and up share one gate_up_proj (rows: gate, then up). Each fused weight is one prunable
/// linear with one input; the blocks compute as Llama's.
/// </summary>
internal sealed class Phi3Architecture : LlamaArchitecture
{
    public override IReadOnlyList<string> Names { get; } = ["Phi3ForCausalLM"];

    protected override ModelConfigKeys Keys { get; } = new() { KeyValueHeads = true };

    /// <summary>
    /// The Llama-family settings with Phi-3's defaults (rms_norm_eps 1e-5) and its optional sliding_window. Rotary
    /// embedding over part of each head (partial_rotary_factor below 1) is not implemented.
    /// </summary>
    internal override LlamaSettings Settings(ModelConfig config)
    {
        var json = config.Json;
        var partialRotary = json.Double("partial_rotary_factor", 1.0);
        if (partialRotary != 1.0)
        {
            throw new UnsupportedModelException($"config.json: partial_rotary_factor {partialRotary} is not supported for {config.Architecture} (only 1.0).");
        }

        return LlamaSettings.Read(config) with
        {
            RmsNormEps = json.Double("rms_norm_eps", 1e-5),
            SlidingWindow = json.Has("sliding_window") ? json.PositiveInt("sliding_window") : null,
        };
    }

    /// <summary>Also checks rope_scaling at config time: Phi-3's longrope (and su, yarn) is not implemented.</summary>
    protected override void CheckSettings(ModelConfig config) => _ = Rotary(config, Settings(config));

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, LlamaSettings settings)
    {
        var (hidden, inner) = (block.Config.HiddenSize, block.Shape.IntermediateSize);
        var (queryWidth, keyValueWidth) = ((long)block.Shape.NumHeads * block.Config.HeadDim, (long)block.Shape.NumKeyValueHeads * block.Config.HeadDim);
        LinearSpec Linear(string name, (LinearRole, long)[] parts, long inFeatures) => block.Linear(name, parts, name, inFeatures, biasRequired: false);

        yield return Linear("self_attn.qkv_proj", [(LinearRole.Query, queryWidth), (LinearRole.Key, keyValueWidth), (LinearRole.Value, keyValueWidth)], hidden);
        yield return Linear("self_attn.o_proj", [(LinearRole.Output, hidden)], queryWidth);
        yield return Linear("mlp.gate_up_proj", [(LinearRole.Gate, inner), (LinearRole.Up, inner)], hidden);
        yield return Linear("mlp.down_proj", [(LinearRole.Down, hidden)], inner);
    }
}
