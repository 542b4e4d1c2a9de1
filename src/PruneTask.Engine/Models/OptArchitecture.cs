using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// OPT decoders: learned positions (offset 2), LayerNorm before or after each sublayer (do_layer_norm_before),
/// ReLU MLP fc1/fc2, biases, and project_in/project_out when word_embed_proj_dim differs from hidden_size.
/// </summary>
internal sealed class OptArchitecture : TransformerArchitecture<OptSettings>
{
    public override IReadOnlyList<string> Names { get; } = ["OPTForCausalLM"];

    protected override ModelConfigKeys Keys { get; } = new() { IntermediateSize = (json, _) => json.PositiveInt("ffn_dim"), TieWordEmbeddings = true };

    /// <summary>"model.decoder." for OPTForCausalLM checkpoints, "decoder." for those saved from the bare OPTModel.</summary>
    internal static string Prefix(ITensorSource weights) =>
        CheckpointTensors.ResolvePrefix(weights, "embed_tokens.weight", "model.decoder.", "decoder.");

    internal override OptSettings Settings(ModelConfig config) => OptSettings.Read(config);

    protected override string BlockPrefix(ModelConfig config, ITensorSource weights) => Prefix(weights) + "layers.";

    protected override IEnumerable<LinearSpec> DescribeBlock(BlockSite block, OptSettings settings)
    {
        var (hidden, inner, heads) = (block.Config.HiddenSize, block.Shape.IntermediateSize, (long)block.Shape.NumHeads * block.Config.HeadDim);
        yield return block.Linear("self_attn.q_proj", LinearRole.Query, "self_attn.q_proj", heads, hidden, settings.EnableBias);
        yield return block.Linear("self_attn.k_proj", LinearRole.Key, "self_attn.q_proj", heads, hidden, settings.EnableBias);
        yield return block.Linear("self_attn.v_proj", LinearRole.Value, "self_attn.q_proj", heads, hidden, settings.EnableBias);
        yield return block.Linear("self_attn.out_proj", LinearRole.Output, "self_attn.out_proj", hidden, heads, settings.EnableBias);
        yield return block.Linear("fc1", LinearRole.Up, "fc1", inner, hidden, settings.EnableBias);
        yield return block.Linear("fc2", LinearRole.Down, "fc2", hidden, inner, settings.EnableBias);
    }

    /// <summary>Pre-LN (OPT-125m): x + attn(ln(x)), then h + fc2(relu(fc1(ln(h)))). Post-LN (OPT-350m): ln(x + attn(x)), then ln(h + fc2(relu(fc1(h)))).</summary>
    protected override Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, OptSettings settings)
    {
        var activation = Activations.Resolve(settings.Activation, "activation_function");
        return (block, specs) =>
        {
            LayerNormWeights Norm(string name) => new(block.Weights, $"{block.Name}.{name}", config.HiddenSize, settings.LayerNormAffine, OptSettings.LayerNormEps);
            var attention = new SelfAttention(block.Shape.NumHeads, block.Shape.NumHeads, config.HeadDim);
            return new ResidualBlock(block, specs, new BlockParts(Norm("self_attn_layer_norm"), attention, Norm("final_layer_norm"), activation)
            {
                NormAfter = !settings.LayerNormBefore,
            });
        };
    }

    protected override PrunableModel CreateModel(
        ModelConfig config, OptSettings settings, ITensorSource weights, Func<IReadOnlyList<TransformerBlock>> createBlocks) =>
        OptModel.Create(config, settings, weights, Prefix(weights), createBlocks);
}
