using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// The block every family uses: self-attention, then an MLP, each a residual branch with its norm. Pre-norm:
/// h = x + λ₁ · attention(norm₁(x)), then h + λ₂ · mlp(norm₂(h)), λ the per-channel layer scales where the family has
/// them (DINOv2). Post-norm (OPT-350m): h = norm₁(x + attention(x)), then norm₂(h + mlp(h)). The MLP is
/// down(silu(gate) · up) where the block has a gate (SwiGLU), else down(act(up)). A fused linear (Phi-3's qkv_proj
/// and gate_up_proj, GPT-2's c_attn) is called once and read by its parts.
/// </summary>
internal sealed class ResidualBlock : TransformerBlock
{
    private readonly LinearLayer[] _linears;
    private readonly BlockParts _parts;
    private readonly LazyTensor[] _others;

    public ResidualBlock(BlockSite site, IReadOnlyList<LinearSpec> specs, BlockParts parts)
        : base(site.Name, site.Index, site.Config.HiddenSize)
    {
        _linears = specs.Select(spec => new LinearLayer(spec, site.Weights)).ToArray();
        _parts = parts;
        _others = [.. parts.AttentionNorm.Tensors, .. parts.MlpNorm.Tensors, .. parts.LayerScales is { } scales ? [scales.Attention, scales.Mlp] : Array.Empty<LazyTensor>()];
    }

    public override IReadOnlyList<LinearLayer> Linears => _linears;

    protected override IReadOnlyList<LazyTensor> OtherWeights => _others;

    protected override Tensor ForwardCore(Tensor hidden)
    {
        var (attentionNorm, mlpNorm) = (_parts.AttentionNorm, _parts.MlpNorm);
        if (_parts.NormAfter)
        {
            var attended = attentionNorm.Apply(hidden.add(_parts.Attention.Apply(_linears, hidden), RootedScalars.One));
            return mlpNorm.Apply(attended.add(Mlp(attended), RootedScalars.One));
        }

        var scales = _parts.LayerScales;
        var attention = _parts.Attention.Apply(_linears, attentionNorm.Apply(hidden));
        var h = hidden.add(scales is null ? attention : attention.mul(scales.Value.Attention.Value), RootedScalars.One);
        var mlp = Mlp(mlpNorm.Apply(h));
        return h.add(scales is null ? mlp : mlp.mul(scales.Value.Mlp.Value), RootedScalars.One);
    }

    private Tensor Mlp(Tensor x)
    {
        Tensor inner;
        if (_linears.Any(l => l.Spec.Role.HasFlag(LinearRole.Gate)))
        {
            var outputs = LinearOutputs.ByRole(_linears, x, LinearRole.Gate, LinearRole.Up);
            // In place: the [tokens, MLP] activations are a block's largest after attention's scores.
            inner = nn.functional.silu(outputs[0], inplace: true).mul_(outputs[1]);
        }
        else
        {
            var activation = _parts.Activation ?? throw new InvalidOperationException($"Block {Index} has no gate and no activation.");
            inner = activation(LinearOutputs.Single(_linears, LinearRole.Up).call(x));
        }

        return LinearOutputs.Single(_linears, LinearRole.Down).call(inner);
    }
}

/// <summary>What sets one family's <see cref="ResidualBlock"/> apart.</summary>
/// <param name="Activation">The MLP's activation; null where the block has a gate (SwiGLU's is silu).</param>
internal sealed record BlockParts(IBlockNorm AttentionNorm, SelfAttention Attention, IBlockNorm MlpNorm, Func<Tensor, Tensor>? Activation)
{
    /// <summary>Whether each norm follows its residual add (OPT's do_layer_norm_before false).</summary>
    public bool NormAfter { get; init; }

    /// <summary>DINOv2's per-channel scales of the attention and MLP branches.</summary>
    public (LazyTensor Attention, LazyTensor Mlp)? LayerScales { get; init; }
}

/// <summary>A block's norm over the last dimension (LayerNorm or RMSNorm) and the tensors it reads.</summary>
internal interface IBlockNorm
{
    IEnumerable<LazyTensor> Tensors { get; }

    Tensor Apply(Tensor x);
}
