using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// What every family does alike: read config.json through its <see cref="Keys"/> and check its settings and block
/// shapes at once, describe the linears block by block, and build the blocks into the family's model. A family says
/// only where its tensors are, what one block holds and how it computes.
/// </summary>
/// <typeparam name="TSettings">The family's settings of config.json beyond <see cref="ModelConfig"/>.</typeparam>
internal abstract class TransformerArchitecture<TSettings> : IArchitecture
{
    public abstract IReadOnlyList<string> Names { get; }

    protected abstract ModelConfigKeys Keys { get; }

    public ModelConfig ReadConfig(ConfigJson json, string architecture)
    {
        var config = Keys.Read(json, architecture);
        CheckSettings(config);
        _ = BlockShapes.Read(config);
        return config;
    }

    public IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var blocks = BlockPrefix(config, weights);
        var shapes = BlockShapes.Read(config);
        return Enumerable.Range(0, config.NumLayers)
            .SelectMany(i => DescribeBlock(new BlockSite(config, weights, $"{blocks}{i}", i, shapes[i]), settings))
            .ToArray();
    }

    public PrunableModel Create(ModelConfig config, ITensorSource weights)
    {
        var settings = Settings(config);
        var blocks = BlockPrefix(config, weights);
        var specs = DescribeLinears(config, weights);
        var shapes = BlockShapes.Read(config);
        var createBlock = BlockFactory(config, settings);
        return CreateModel(config, settings, weights, () => Enumerable.Range(0, config.NumLayers)
            .Select(i => createBlock(new BlockSite(config, weights, $"{blocks}{i}", i, shapes[i]), specs.Where(s => s.Block == i).ToArray()))
            .ToArray());
    }

    internal abstract TSettings Settings(ModelConfig config);

    /// <summary>Fails on settings the family does not implement, before any weight is read.</summary>
    protected virtual void CheckSettings(ModelConfig config) => _ = Settings(config);

    /// <summary>The module name of the blocks but their index, e.g. "model.layers.".</summary>
    protected abstract string BlockPrefix(ModelConfig config, ITensorSource weights);

    /// <summary>The block's linears, in checkpoint order, from tensor headers only.</summary>
    protected abstract IEnumerable<LinearSpec> DescribeBlock(BlockSite block, TSettings settings);

    /// <summary>Makes the blocks; what they share (a rotary embedding) is made once.</summary>
    protected abstract Func<BlockSite, IReadOnlyList<LinearSpec>, TransformerBlock> BlockFactory(ModelConfig config, TSettings settings);

    /// <summary>Checks the weights outside the blocks, then builds the blocks and the model around them.</summary>
    protected abstract PrunableModel CreateModel(
        ModelConfig config, TSettings settings, ITensorSource weights, Func<IReadOnlyList<TransformerBlock>> createBlocks);
}

/// <summary>One block of a checkpoint: its module name (e.g. model.layers.3), index and sizes.</summary>
internal sealed record BlockSite(ModelConfig Config, ITensorSource Weights, string Name, int Index, BlockShape Shape)
{
    /// <summary>A linear of the block whose rows are <paramref name="parts"/>: a fused one with several, stored <paramref name="layout"/>.</summary>
    public LinearSpec Linear(
        string name, IReadOnlyList<(LinearRole Role, long Rows)> parts, string inputName, long inFeatures, bool biasRequired, WeightLayout layout = WeightLayout.OutIn) =>
        CheckpointTensors.Linear(Weights, $"{Name}.{name}", Index, parts, $"{Name}.{inputName}", inFeatures, layout, biasRequired);

    /// <summary>A plain linear of the block; <paramref name="inputName"/> is the first linear that reads the same input.</summary>
    public LinearSpec Linear(string name, LinearRole role, string inputName, long outFeatures, long inFeatures, bool biasRequired) =>
        Linear(name, [(role, outFeatures)], inputName, inFeatures, biasRequired);

    /// <summary>
    /// Query, key and value, each a linear of its own reading the block's input (their input is named after the
    /// query), and the output projection back to the hidden width.
    /// </summary>
    public IEnumerable<LinearSpec> AttentionLinears(
        string query, string key, string value, string output, long queryWidth, long keyValueWidth, bool qkvBias, bool outputBias)
    {
        var hidden = Config.HiddenSize;
        yield return Linear(query, LinearRole.Query, query, queryWidth, hidden, qkvBias);
        yield return Linear(key, LinearRole.Key, query, keyValueWidth, hidden, qkvBias);
        yield return Linear(value, LinearRole.Value, query, keyValueWidth, hidden, qkvBias);
        yield return Linear(output, LinearRole.Output, output, hidden, queryWidth, outputBias);
    }

    /// <summary>The MLP's gate (when it has one) and up, which read the same input, then down.</summary>
    public IEnumerable<LinearSpec> MlpLinears(string? gate, string up, string down, long inner, bool bias)
    {
        var hidden = Config.HiddenSize;
        if (gate is not null)
        {
            yield return Linear(gate, LinearRole.Gate, gate, inner, hidden, bias);
        }

        yield return Linear(up, LinearRole.Up, gate ?? up, inner, hidden, bias);
        yield return Linear(down, LinearRole.Down, down, hidden, inner, bias);
    }

    /// <summary>A LayerNorm of the block, <c>name.weight</c> and <c>name.bias</c> unless it has no affine weights.</summary>
    public LayerNormWeights LayerNorm(string name, double eps, bool affine = true) => new(Weights, $"{Name}.{name}", Config.HiddenSize, affine, eps);

    /// <summary>A weight of the block that is not a linear's (a norm, a layer scale), checked against its shape.</summary>
    public LazyTensor Tensor(string name, params long[] shape)
    {
        CheckpointTensors.Require(Weights, $"{Name}.{name}", shape);
        return new LazyTensor(Weights, $"{Name}.{name}");
    }
}
