using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Phi-3: a Llama-family decoder whose q, k and v share one fused qkv_proj (rows: query heads, key heads, value
/// heads) and whose gate and up share one gate_up_proj (rows: gate, then up). Each fused weight is one prunable
/// linear with one input.
/// </summary>
internal sealed class Phi3Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["Phi3ForCausalLM"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var hiddenSize = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        var keyValueHeads = json.PositiveInt("num_key_value_heads", heads);
        if (hiddenSize % heads != 0 || heads % keyValueHeads != 0)
        {
            throw new InvalidModelException(
                $"config.json: hidden_size ({hiddenSize}) must be a multiple of num_attention_heads ({heads}), and that of num_key_value_heads ({keyValueHeads}).");
        }

        var config = new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt("num_hidden_layers"),
            NumHeads = heads,
            NumKeyValueHeads = keyValueHeads,
            HeadDim = hiddenSize / heads,
            IntermediateSize = json.PositiveInt("intermediate_size"),
            VocabSize = json.PositiveInt("vocab_size"),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", false),
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
        _ = Rotary(config, Settings(config));
        _ = BlockShapes.Read(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var prefix = Prefix(weights);
        var hidden = config.HiddenSize;
        var shapes = BlockShapes.Read(config);
        var specs = new List<LinearSpec>();
        for (var block = 0; block < config.NumLayers; block++)
        {
            var inner = shapes[block].IntermediateSize;
            var (queryWidth, keyValueWidth) = ((long)shapes[block].NumHeads * config.HeadDim, (long)shapes[block].NumKeyValueHeads * config.HeadDim);
            var layer = $"{prefix}layers.{block}.";
            LinearSpec Linear(string name, (LinearRole, long)[] parts, long inFeatures) =>
                CheckpointLinears.Describe(weights, layer + name, block, parts, layer + name, inFeatures, WeightLayout.OutIn, biasRequired: false);

            specs.Add(Linear("self_attn.qkv_proj", [(LinearRole.Query, queryWidth), (LinearRole.Key, keyValueWidth), (LinearRole.Value, keyValueWidth)], hidden));
            specs.Add(Linear("self_attn.o_proj", [(LinearRole.Output, hidden)], queryWidth));
            specs.Add(Linear("mlp.gate_up_proj", [(LinearRole.Gate, inner), (LinearRole.Up, inner)], hidden));
            specs.Add(Linear("mlp.down_proj", [(LinearRole.Down, hidden)], inner));
        }

        return specs;
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var prefix = Prefix(weights);
        var specs = DescribeLinears(config, weights);
        var rotary = Rotary(config, settings);
        var shapes = BlockShapes.Read(config);
        return LlamaModel.Create(config, settings, weights, prefix, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new Phi3Block(config, shapes[i], settings, rotary, $"{prefix}layers.{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    /// <summary>
    /// The Llama-family settings with Phi-3's defaults (rms_norm_eps 1e-5) and its optional sliding_window. Rotary
    /// embedding over part of each head (partial_rotary_factor below 1) is not implemented.
    /// </summary>
    internal static LlamaSettings Settings(ModelConfig config)
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
    private static RotaryEmbedding Rotary(ModelConfig config, LlamaSettings settings) => new(config.HeadDim, settings.RopeTheta, settings.RopeScaling);

    /// <summary>"model." for Phi3ForCausalLM checkpoints, "" for those saved from the bare Phi3Model.</summary>
    private static string Prefix(ITensorSource weights) => CheckpointTensors.ResolvePrefix(weights, "embed_tokens.weight", "model.", "");
}
