using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>A ViT encoder layer: x + attention(layernorm_before(x)), then h + output(act(intermediate(layernorm_after(h)))); no mask.</summary>
internal sealed class VitBlock : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly LinearLayer[] _linears;
    private readonly LayerNormWeights _attentionNorm;
    private readonly LayerNormWeights _mlpNorm;
    private readonly LazyTensor[] _normTensors;

    public VitBlock(ModelConfig config, VisionSettings settings, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _activation = Activations.Resolve(settings.Activation, "hidden_act");
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _attentionNorm = new LayerNormWeights(weights, name + ".layernorm_before", config.HiddenSize, affine: true, settings.LayerNormEps);
        _mlpNorm = new LayerNormWeights(weights, name + ".layernorm_after", config.HiddenSize, affine: true, settings.LayerNormEps);
        _normTensors = [.. _attentionNorm.Tensors, .. _mlpNorm.Tensors];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _normTensors;

    /// <summary>The layer's linears, in checkpoint order, under the layer's module name.</summary>
    public static IEnumerable<LinearSpec> Describe(ITensorSource weights, string layer, int block, ModelConfig config, VisionSettings settings)
    {
        var (hidden, inner) = (config.HiddenSize, config.IntermediateSize);
        var attention = layer + "attention.attention.";
        LinearSpec Linear(string name, LinearRole role, string inputKey, long outFeatures, long inFeatures, bool biasRequired) =>
            CheckpointTensors.Linear(weights, name, block, role, inputKey, outFeatures, inFeatures, biasRequired);

        yield return Linear(attention + "query", LinearRole.Query, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(attention + "key", LinearRole.Key, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(attention + "value", LinearRole.Value, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(layer + "attention.output.dense", LinearRole.Output, layer + "attention.output.dense", hidden, hidden, true);
        yield return Linear(layer + "intermediate.dense", LinearRole.Up, layer + "intermediate.dense", inner, hidden, true);
        yield return Linear(layer + "output.dense", LinearRole.Down, layer + "output.dense", hidden, inner, true);
    }

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var attended = hidden.add(EncoderAttention.Apply(_linears, _config, _attentionNorm.Apply(hidden)), RootedScalars.One);
        var inner = _activation(EncoderAttention.ByRole(_linears, LinearRole.Up).call(_mlpNorm.Apply(attended)));
        return attended.add(EncoderAttention.ByRole(_linears, LinearRole.Down).call(inner), RootedScalars.One);
    }
}
