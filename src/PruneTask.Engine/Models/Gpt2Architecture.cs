using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// GPT-2: learned positions, pre-LayerNorm blocks, Conv1D linears stored [in, out] (each is read as [out, in] and
/// written back as stored), one fused c_attn (q, k, v along its outputs), gelu_new MLP, head tied to wte.
/// </summary>
internal sealed class Gpt2Architecture : IArchitecture
{
    public IReadOnlyList<string> Names { get; } = ["GPT2LMHeadModel"];

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var hiddenSize = json.PositiveInt("n_embd");
        var heads = json.PositiveInt("n_head");
        if (hiddenSize % heads != 0)
        {
            throw new InvalidModelException($"config.json: n_embd ({hiddenSize}) must be a multiple of n_head ({heads}).");
        }

        var config = new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt("n_layer"),
            NumHeads = heads,
            NumKeyValueHeads = heads,
            HeadDim = hiddenSize / heads,
            IntermediateSize = json.PositiveInt("n_inner", 4 * hiddenSize),
            VocabSize = json.PositiveInt("vocab_size"),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", true),
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
        _ = Gpt2Settings.Read(config);
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
            var layer = $"{prefix}h.{block}.";
            var (inner, heads) = (shapes[block].IntermediateSize, (long)shapes[block].NumHeads * config.HeadDim);
            LinearSpec Conv1D(string name, (LinearRole, long)[] parts, long inFeatures) =>
                CheckpointLinears.Describe(weights, layer + name, block, parts, layer + name, inFeatures, WeightLayout.InOut, biasRequired: true);

            specs.Add(Conv1D("attn.c_attn", [(LinearRole.Query, heads), (LinearRole.Key, heads), (LinearRole.Value, heads)], hidden));
            specs.Add(Conv1D("attn.c_proj", [(LinearRole.Output, hidden)], heads));
            specs.Add(Conv1D("mlp.c_fc", [(LinearRole.Up, inner)], hidden));
            specs.Add(Conv1D("mlp.c_proj", [(LinearRole.Down, hidden)], inner));
        }

        return specs;
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = Gpt2Settings.Read(config);
        var prefix = Prefix(weights);
        var specs = DescribeLinears(config, weights);
        var shapes = BlockShapes.Read(config);
        return Gpt2Model.Create(config, settings, weights, prefix, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => new Gpt2Block(config, shapes[i], settings, $"{prefix}h.{i}", i, specs.Where(s => s.Block == i).ToArray(), weights))
            .ToArray());
    }

    /// <summary>"transformer." for GPT2LMHeadModel checkpoints, "" for those saved from the bare GPT2Model.</summary>
    internal static string Prefix(ITensorSource weights) => CheckpointTensors.ResolvePrefix(weights, "wte.weight", "transformer.", "");
}
