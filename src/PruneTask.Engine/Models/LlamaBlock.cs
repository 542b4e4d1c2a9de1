using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>A Llama-family decoder block: x + attention(rmsnorm(x)), then h + down(silu(gate(n)) · up(n)) with n = rmsnorm(h).</summary>
internal sealed class LlamaBlock : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly BlockShape _shape;
    private readonly LlamaSettings _settings;
    private readonly RotaryEmbedding _rotary;
    private readonly LinearLayer[] _linears;
    private readonly LazyTensor[] _norms;

    public LlamaBlock(
        ModelConfig config, BlockShape shape, LlamaSettings settings, RotaryEmbedding rotary, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _shape = shape;
        _settings = settings;
        _rotary = rotary;
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _norms =
        [
            Norm(weights, name + ".input_layernorm.weight", config.HiddenSize),
            Norm(weights, name + ".post_attention_layernorm.weight", config.HiddenSize),
        ];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _norms;

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var attended = hidden.add(Attention(RmsNorm.Apply(hidden, _norms[0].Value, _settings.RmsNormEps)), RootedScalars.One);
        var normed = RmsNorm.Apply(attended, _norms[1].Value, _settings.RmsNormEps);
        // In place: the [tokens, MLP] activations are a block's largest after attention's scores.
        var gated = nn.functional.silu(Linear(LinearRole.Gate).call(normed), inplace: true).mul_(Linear(LinearRole.Up).call(normed));
        return attended.add(Linear(LinearRole.Down).call(gated), RootedScalars.One);
    }

    private Tensor Attention(Tensor x)
    {
        var (cos, sin) = _rotary.Angles(x.shape[1]);
        var headDim = _config.HeadDim;
        var query = RotaryEmbedding.Apply(MultiHeadAttention.SplitHeads(Linear(LinearRole.Query).call(x), _shape.NumHeads, headDim), cos, sin);
        var key = RotaryEmbedding.Apply(MultiHeadAttention.SplitHeads(Linear(LinearRole.Key).call(x), _shape.NumKeyValueHeads, headDim), cos, sin);
        var value = MultiHeadAttention.SplitHeads(Linear(LinearRole.Value).call(x), _shape.NumKeyValueHeads, headDim);
        var heads = MultiHeadAttention.Attend(
            query, key, value, 1.0 / Math.Sqrt(headDim), causal: true, _settings.SlidingWindow, _shape.IsEvenlyGrouped ? null : _shape.KeyValueHeadOf);
        return Linear(LinearRole.Output).call(heads);
    }

    private LinearLayer Linear(LinearRole role) => _linears.Single(l => l.Spec.Role == role);

    private static LazyTensor Norm(ITensorSource weights, string name, int size)
    {
        CheckpointTensors.Require(weights, name, size);
        return new LazyTensor(weights, name);
    }
}
