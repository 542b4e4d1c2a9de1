using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>A GPT-2 block: x + c_proj(attention(split(c_attn(ln_1(x))))), then h + c_proj(act(c_fc(ln_2(h)))).</summary>
internal sealed class Gpt2Block : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly BlockShape _shape;
    private readonly double _attentionScale;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly LinearLayer[] _linears;
    private readonly LayerNormWeights _attentionNorm;
    private readonly LayerNormWeights _mlpNorm;
    private readonly LazyTensor[] _normTensors;

    public Gpt2Block(ModelConfig config, BlockShape shape, Gpt2Settings settings, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _shape = shape;
        _attentionScale = settings.AttentionScale(config.HeadDim, index);
        _activation = Activations.Resolve(settings.Activation, "activation_function");
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _attentionNorm = new LayerNormWeights(weights, name + ".ln_1", config.HiddenSize, affine: true, settings.LayerNormEps);
        _mlpNorm = new LayerNormWeights(weights, name + ".ln_2", config.HiddenSize, affine: true, settings.LayerNormEps);
        _normTensors = [.. _attentionNorm.Tensors, .. _mlpNorm.Tensors];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _normTensors;

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var attended = hidden.add(Attention(_attentionNorm.Apply(hidden)), RootedScalars.One);
        var inner = _activation(Linear(LinearRole.Up).call(_mlpNorm.Apply(attended)));
        return attended.add(Linear(LinearRole.Down).call(inner), RootedScalars.One);
    }

    private Tensor Attention(Tensor x)
    {
        var fused = Linear(LinearRole.Query | LinearRole.Key | LinearRole.Value);
        var qkv = fused.call(x);
        Tensor Heads(LinearRole role) => MultiHeadAttention.SplitHeads(FusedOutput.Part(qkv, fused.Spec, role), _shape.NumHeads, _config.HeadDim);
        var heads = MultiHeadAttention.Attend(Heads(LinearRole.Query), Heads(LinearRole.Key), Heads(LinearRole.Value), _attentionScale, causal: true);
        return Linear(LinearRole.Output).call(heads);
    }

    private LinearLayer Linear(LinearRole role) => _linears.Single(l => l.Spec.Role == role);
}
