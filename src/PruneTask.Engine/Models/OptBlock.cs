using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// An OPT decoder block. Pre-LN (OPT-125m): x + attn(ln(x)), then h + fc2(relu(fc1(ln(h)))).
/// Post-LN (OPT-350m): ln(x + attn(x)), then ln(h + fc2(relu(fc1(h)))).
/// </summary>
internal sealed class OptBlock : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly OptSettings _settings;
    private readonly Func<Tensor, Tensor> _activation;
    private readonly LinearLayer[] _linears;
    private readonly LayerNormWeights _attentionNorm;
    private readonly LayerNormWeights _mlpNorm;
    private readonly LazyTensor[] _normTensors;

    public OptBlock(ModelConfig config, OptSettings settings, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _settings = settings;
        _activation = Activations.Resolve(settings.Activation, "activation_function");
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _attentionNorm = new LayerNormWeights(weights, name + ".self_attn_layer_norm", config.HiddenSize, settings.LayerNormAffine, OptSettings.LayerNormEps);
        _mlpNorm = new LayerNormWeights(weights, name + ".final_layer_norm", config.HiddenSize, settings.LayerNormAffine, OptSettings.LayerNormEps);
        _normTensors = [.. _attentionNorm.Tensors, .. _mlpNorm.Tensors];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _normTensors;

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var before = _settings.LayerNormBefore;
        var attended = hidden.add(Attention(before ? _attentionNorm.Apply(hidden) : hidden));
        if (!before)
        {
            attended = _attentionNorm.Apply(attended);
        }

        var mlpInput = before ? _mlpNorm.Apply(attended) : attended;
        var output = attended.add(Linear(LinearRole.Down).call(_activation(Linear(LinearRole.Up).call(mlpInput))));
        return before ? output : _mlpNorm.Apply(output);
    }

    private Tensor Attention(Tensor x)
    {
        var (heads, headDim) = (_config.NumHeads, _config.HeadDim);
        var query = MultiHeadAttention.SplitHeads(Linear(LinearRole.Query).call(x), heads, headDim);
        var key = MultiHeadAttention.SplitHeads(Linear(LinearRole.Key).call(x), heads, headDim);
        var value = MultiHeadAttention.SplitHeads(Linear(LinearRole.Value).call(x), heads, headDim);
        return Linear(LinearRole.Output).call(MultiHeadAttention.Attend(query, key, value, 1.0 / Math.Sqrt(headDim), causal: true));
    }

    private LinearLayer Linear(LinearRole role) => _linears.Single(l => l.Spec.Role == role);
}
