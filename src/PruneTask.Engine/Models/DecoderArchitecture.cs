using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// A family of causal language models: its tensors sit under the first of <paramref name="prefixes"/> that holds
/// <paramref name="probe"/> (a checkpoint saved from the bare base model lacks the *ForCausalLM prefix), its blocks
/// at {prefix}{<paramref name="layers"/>}{index}, and <paramref name="createModel"/> makes its model from the prefix.
/// </summary>
internal abstract class DecoderArchitecture<TSettings>(
    Func<ModelConfig, TSettings, ITensorSource, string, Func<IReadOnlyList<TransformerBlock>>, PrunableModel> createModel,
    string layers,
    string probe,
    params string[] prefixes)
    : TransformerArchitecture<TSettings>
{
    protected sealed override string BlockPrefix(ModelConfig config, ITensorSource weights) => Prefix(weights) + layers;

    protected sealed override PrunableModel CreateModel(
        ModelConfig config, TSettings settings, ITensorSource weights, Func<IReadOnlyList<TransformerBlock>> createBlocks) =>
        createModel(config, settings, weights, Prefix(weights), createBlocks);

    private string Prefix(ITensorSource weights) => CheckpointTensors.ResolvePrefix(weights, probe, prefixes);
}
