using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// A Phi-3 decoder block: x + o_proj(attention(rmsnorm(x))) with q, k, v cut from qkv_proj's output, then
/// h + down_proj(silu(gate) · up) with gate and up the two halves of gate_up_proj(rmsnorm(h)).
/// </summary>
internal sealed class Phi3Block : TransformerBlock
{
    private readonly ModelConfig _config;
    private readonly BlockShape _shape;
    private readonly LlamaSettings _settings;
    private readonly RotaryEmbedding _rotary;
    private readonly LinearLayer[] _linears;
    private readonly LazyTensor[] _norms;

    public Phi3Block(
        ModelConfig config, BlockShape shape, LlamaSettings settings, RotaryEmbedding rotary, string name, int index, IReadOnlyList<LinearSpec> specs, ITensorSource weights)
        : base(name, index, config.HiddenSize)
    {
        _config = config;
        _shape = shape;
        _settings = settings;
        _rotary = rotary;
        _linears = specs.Select(spec => new LinearLayer(spec, weights)).ToArray();
        _norms = [Norm(weights, name + ".input_layernorm.weight", config.HiddenSize), Norm(weights, name + ".post_attention_layernorm.weight", config.HiddenSize)];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _norms;

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var attended = hidden.add(Attention(RmsNorm.Apply(hidden, _norms[0].Value, _settings.RmsNormEps)), RootedScalars.One);
        var gateUp = Linear(LinearRole.Gate | LinearRole.Up);
        var both = gateUp.call(RmsNorm.Apply(attended, _norms[1].Value, _settings.RmsNormEps));
        var gated = nn.functional.silu(FusedOutput.Part(both, gateUp.Spec, LinearRole.Gate)).mul(FusedOutput.Part(both, gateUp.Spec, LinearRole.Up));
        return attended.add(Linear(LinearRole.Down).call(gated), RootedScalars.One);
    }

    private Tensor Attention(Tensor x)
    {
        var (cos, sin) = _rotary.Angles(x.shape[1]);
        var headDim = _config.HeadDim;
        var fused = Linear(LinearRole.Query | LinearRole.Key | LinearRole.Value);
        var qkv = fused.call(x);
        Tensor Heads(LinearRole role, int count) => MultiHeadAttention.SplitHeads(FusedOutput.Part(qkv, fused.Spec, role), count, headDim);
        var query = RotaryEmbedding.Apply(Heads(LinearRole.Query, _shape.NumHeads), cos, sin);
        var key = RotaryEmbedding.Apply(Heads(LinearRole.Key, _shape.NumKeyValueHeads), cos, sin);
        var value = Heads(LinearRole.Value, _shape.NumKeyValueHeads);
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
