using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// OPT decoders: learned positions (offset 2), LayerNorm before or after each sublayer (do_layer_norm_before),
/// ReLU MLP fc1/fc2, biases, and project_in/project_out when word_embed_proj_dim differs from hidden_size.
/// </summary>
internal sealed class OptArchitecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["OPTForCausalLM"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var hiddenSize = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        if (hiddenSize % heads != 0)
        {
            throw new InvalidModelException($"config.json: hidden_size ({hiddenSize}) must be a multiple of num_attention_heads ({heads}).");
        }

        var config = new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt("num_hidden_layers"),
            NumHeads = heads,
            NumKeyValueHeads = heads,
            HeadDim = hiddenSize / heads,
            IntermediateSize = json.PositiveInt("ffn_dim"),
            VocabSize = json.PositiveInt("vocab_size"),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", true),
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
        _ = OptSettings.Read(config);
        _ = BlockShapes.Read(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var settings = OptSettings.Read(config);
        var prefix = Prefix(weights);
        var hidden = config.HiddenSize;
        var shapes = BlockShapes.Read(config);
        var specs = new List<LinearSpec>();
        for (var block = 0; block < config.NumLayers; block++)
        {
            var layer = $"{prefix}layers.{block}.";
            var (inner, heads) = (shapes[block].IntermediateSize, (long)shapes[block].NumHeads * config.HeadDim);
            LinearSpec Linear(string name, LinearRole role, string inputKey, long outFeatures, long inFeatures) =>
                CheckpointTensors.Linear(weights, layer + name, block, role, layer + inputKey, outFeatures, inFeatures, settings.EnableBias);

            specs.Add(Linear("self_attn.q_proj", LinearRole.Query, "self_attn.q_proj", heads, hidden));
            specs.Add(Linear("self_attn.k_proj", LinearRole.Key, "self_attn.q_proj", heads, hidden));
            specs.Add(Linear("self_attn.v_proj", LinearRole.Value, "self_attn.q_proj", heads, hidden));
            specs.Add(Linear("self_attn.out_proj", LinearRole.Output, "self_attn.out_proj", hidden, heads));
            specs.Add(Linear("fc1", LinearRole.Up, "fc1", inner, hidden));
            specs.Add(Linear("fc2", LinearRole.Down, "fc2", hidden, inner));
        }

        return specs;
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = OptSettings.Read(config);
        var prefix = Prefix(weights);
        var specs = DescribeLinears(config, weights);
        var shapes = BlockShapes.Read(config);
        return OptModel.Create(config, settings, weights, prefix, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new OptBlock(config, shapes[i], settings, $"{prefix}layers.{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    /// <summary>"model.decoder." for OPTForCausalLM checkpoints, "decoder." for those saved from the bare OPTModel.</summary>
    internal static string Prefix(ITensorSource weights) =>
        CheckpointTensors.ResolvePrefix(weights, "embed_tokens.weight", "model.decoder.", "decoder.");
}
