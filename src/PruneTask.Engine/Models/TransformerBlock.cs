using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// One transformer block: [B, T, hidden] float32 → [B, T, hidden], positions 0..T-1 (causal where the architecture is).
/// Its weights are read when first used and stay until <see cref="Release"/>; replaced linear weights survive a release.
/// Linears are invoked with <c>call</c>, so TorchSharp forward hooks on them fire.
/// </summary>
public abstract class TransformerBlock : nn.Module<Tensor, Tensor>
{
    protected TransformerBlock(string name, int index, int hiddenSize)
        : base(name)
    {
        Index = index;
        HiddenSize = hiddenSize;
    }

    public int Index { get; }

    public int HiddenSize { get; }

    /// <summary>The block's prunable linears in checkpoint order.</summary>
    public abstract IReadOnlyList<LinearLayer> Linears { get; }

    public bool IsMaterialized => Linears.All(l => l.IsMaterialized) && OtherWeights.All(w => w.IsLoaded);

    /// <summary>The block's weights that are not prunable linears (norms, for instance).</summary>
    protected abstract IReadOnlyList<LazyTensor> OtherWeights { get; }

    /// <summary>Reads every weight of the block now (a forward pass would otherwise read them on first use).</summary>
    public void Materialize()
    {
        foreach (var linear in Linears)
        {
            linear.Materialize();
        }

        foreach (var weight in OtherWeights)
        {
            _ = weight.Value;
        }
    }

    /// <summary>Frees the block's weights read from the checkpoint; replaced weights are kept.</summary>
    public void Release()
    {
        foreach (var linear in Linears)
        {
            linear.Release();
        }

        foreach (var weight in OtherWeights)
        {
            weight.Release();
        }
    }

    public sealed override Tensor forward(Tensor hidden)
    {
        if (hidden.dim() != 3 || hidden.shape[2] != HiddenSize || hidden.dtype != float32)
        {
            throw new ArgumentException(
                $"Block {Index} takes float32 [batch, tokens, {HiddenSize}], not {hidden.dtype} [{string.Join(", ", hidden.shape)}].",
                nameof(hidden));
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return ForwardCore(hidden).MoveToOuterDisposeScope();
    }

    protected abstract Tensor ForwardCore(Tensor hidden);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var linear in Linears)
            {
                linear.Dispose();
            }

            foreach (var weight in OtherWeights)
            {
                weight.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
