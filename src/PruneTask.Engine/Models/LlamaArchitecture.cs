using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Llama, Mistral and Qwen2 decoders: RMSNorm, rotary attention with grouped key/value heads, SwiGLU MLP.
/// Biases are used wherever the checkpoint holds them (Qwen2's q/k/v) and required where config.json says so.
/// </summary>
internal sealed class LlamaArchitecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var hiddenSize = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        var keyValueHeads = json.PositiveInt("num_key_value_heads", heads);
        if (heads % keyValueHeads != 0)
        {
            throw new InvalidModelException(
                $"config.json: num_attention_heads ({heads}) must be a multiple of num_key_value_heads ({keyValueHeads}).");
        }

        var config = new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt("num_hidden_layers"),
            NumHeads = heads,
            NumKeyValueHeads = keyValueHeads,
            HeadDim = json.PositiveInt("head_dim", hiddenSize / heads),
            IntermediateSize = json.PositiveInt("intermediate_size"),
            VocabSize = json.PositiveInt("vocab_size"),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", false),
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
        _ = LlamaSettings.Read(config);
        _ = BlockShapes.Read(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var settings = LlamaSettings.Read(config);
        var prefix = Prefix(weights);
        var hidden = config.HiddenSize;
        var shapes = BlockShapes.Read(config);
        var specs = new List<LinearSpec>();
        for (var block = 0; block < config.NumLayers; block++)
        {
            var inner = shapes[block].IntermediateSize;
            var (queryWidth, keyValueWidth) = ((long)shapes[block].NumHeads * config.HeadDim, (long)shapes[block].NumKeyValueHeads * config.HeadDim);
            var attention = $"{prefix}layers.{block}.self_attn.";
            var mlp = $"{prefix}layers.{block}.mlp.";
            LinearSpec Linear(string name, LinearRole role, string inputKey, long outFeatures, long inFeatures, bool biasRequired) =>
                CheckpointTensors.Linear(weights, name, block, role, inputKey, outFeatures, inFeatures, biasRequired);

            specs.Add(Linear(attention + "q_proj", LinearRole.Query, attention + "q_proj", queryWidth, hidden, settings.AttentionBias));
            specs.Add(Linear(attention + "k_proj", LinearRole.Key, attention + "q_proj", keyValueWidth, hidden, settings.AttentionBias));
            specs.Add(Linear(attention + "v_proj", LinearRole.Value, attention + "q_proj", keyValueWidth, hidden, settings.AttentionBias));
            specs.Add(Linear(attention + "o_proj", LinearRole.Output, attention + "o_proj", hidden, queryWidth, settings.AttentionBias));
            specs.Add(Linear(mlp + "gate_proj", LinearRole.Gate, mlp + "gate_proj", inner, hidden, settings.MlpBias));
            specs.Add(Linear(mlp + "up_proj", LinearRole.Up, mlp + "gate_proj", inner, hidden, settings.MlpBias));
            specs.Add(Linear(mlp + "down_proj", LinearRole.Down, mlp + "down_proj", hidden, inner, settings.MlpBias));
        }

        return specs;
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = LlamaSettings.Read(config);
        var prefix = Prefix(weights);
        var specs = DescribeLinears(config, weights);
        var rotary = new RotaryEmbedding(config.HeadDim, settings.RopeTheta, settings.RopeScaling);
        var shapes = BlockShapes.Read(config);
        return LlamaModel.Create(config, settings, weights, prefix, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new LlamaBlock(config, shapes[i], settings, rotary, $"{prefix}layers.{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    /// <summary>"model." for *ForCausalLM checkpoints, "" for those saved from the bare LlamaModel.</summary>
    internal static string Prefix(ITensorSource weights) => CheckpointTensors.ResolvePrefix(weights, "embed_tokens.weight", "model.", "");
}
