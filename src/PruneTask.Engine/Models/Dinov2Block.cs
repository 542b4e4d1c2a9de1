using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>A DINOv2 layer: h = x + λ₁ · attention(norm1(x)), then h + λ₂ · mlp(norm2(h)), with λ the per-channel layer scales.</summary>
internal sealed class Dinov2Block : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly LinearLayer[] _linears;
    private readonly LayerNormWeights _attentionNorm;
    private readonly LayerNormWeights _mlpNorm;
    private readonly LazyTensor _attentionScale;
    private readonly LazyTensor _mlpScale;
    private readonly LazyTensor[] _others;

    public Dinov2Block(ModelConfig config, VisionSettings settings, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _activation = Activations.Resolve(settings.Activation, "hidden_act");
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _attentionNorm = new LayerNormWeights(weights, name + ".norm1", config.HiddenSize, affine: true, settings.LayerNormEps);
        _mlpNorm = new LayerNormWeights(weights, name + ".norm2", config.HiddenSize, affine: true, settings.LayerNormEps);
        CheckpointTensors.Require(weights, name + ".layer_scale1.lambda1", config.HiddenSize);
        CheckpointTensors.Require(weights, name + ".layer_scale2.lambda1", config.HiddenSize);
        _attentionScale = new LazyTensor(weights, name + ".layer_scale1.lambda1");
        _mlpScale = new LazyTensor(weights, name + ".layer_scale2.lambda1");
        _others = [.. _attentionNorm.Tensors, .. _mlpNorm.Tensors, _attentionScale, _mlpScale];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _others;

    /// <summary>The layer's linears, in checkpoint order, under the layer's module name.</summary>
    public static IEnumerable<LinearSpec> Describe(ITensorSource weights, string layer, int block, ModelConfig config, VisionSettings settings, bool swiGlu)
    {
        var (hidden, inner) = (config.HiddenSize, config.IntermediateSize);
        var attention = layer + "attention.attention.";
        LinearSpec Linear(string name, LinearRole role, string inputKey, long outFeatures, long inFeatures, bool biasRequired) =>
            CheckpointTensors.Linear(weights, name, block, role, inputKey, outFeatures, inFeatures, biasRequired);

        yield return Linear(attention + "query", LinearRole.Query, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(attention + "key", LinearRole.Key, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(attention + "value", LinearRole.Value, attention + "query", hidden, hidden, settings.QkvBias);
        yield return Linear(layer + "attention.output.dense", LinearRole.Output, layer + "attention.output.dense", hidden, hidden, true);
        if (swiGlu)
        {
            var weightsIn = layer + "mlp.weights_in";
            yield return CheckpointLinears.Describe(
                weights, weightsIn, block, [(LinearRole.Gate, inner), (LinearRole.Up, inner)], weightsIn, hidden, WeightLayout.OutIn, biasRequired: true);
            yield return Linear(layer + "mlp.weights_out", LinearRole.Down, layer + "mlp.weights_out", hidden, inner, true);
        }
        else
        {
            yield return Linear(layer + "mlp.fc1", LinearRole.Up, layer + "mlp.fc1", inner, hidden, true);
            yield return Linear(layer + "mlp.fc2", LinearRole.Down, layer + "mlp.fc2", hidden, inner, true);
        }
    }

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var attention = EncoderAttention.Apply(_linears, _config, _attentionNorm.Apply(hidden));
        var attended = hidden.add(attention.mul(_attentionScale.Value), RootedScalars.One);
        return attended.add(Mlp(_mlpNorm.Apply(attended)).mul(_mlpScale.Value), RootedScalars.One);
    }

    private Tensor Mlp(Tensor x)
    {
        var down = EncoderAttention.ByRole(_linears, LinearRole.Down);
        if (_linears.FirstOrDefault(l => l.Spec.Role == (LinearRole.Gate | LinearRole.Up)) is { } fused)
        {
            var both = fused.call(x);
            var gated = nn.functional.silu(FusedOutput.Part(both, fused.Spec, LinearRole.Gate)).mul(FusedOutput.Part(both, fused.Spec, LinearRole.Up));
            return down.call(gated);
        }

        return down.call(_activation(EncoderAttention.ByRole(_linears, LinearRole.Up).call(x)));
    }
}
