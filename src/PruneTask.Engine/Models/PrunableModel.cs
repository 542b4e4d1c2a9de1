using PruneTask.Engine.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// A model as embeddings → blocks → head, so a pipeline can run it one block at a time. Weights stay in the
/// checkpoint until used; every stage computes in float32 without gradients.
/// </summary>
public abstract class PrunableModel : IDisposable
{
    private readonly Dictionary<string, LinearLayer> _linearsByName;
    private bool _ownsWeights;

    protected PrunableModel(ModelConfig config, ITensorSource weights, IReadOnlyList<TransformerBlock> blocks)
    {
        Config = config;
        Weights = weights;
        Blocks = blocks;
        Linears = blocks.SelectMany(b => b.Linears).ToArray();
        _linearsByName = Linears.ToDictionary(l => l.Spec.Name, StringComparer.Ordinal);
    }

    public ModelConfig Config { get; }

    public ITensorSource Weights { get; }

    public IReadOnlyList<TransformerBlock> Blocks { get; }

    /// <summary>Every prunable linear, block by block, in checkpoint order.</summary>
    public IReadOnlyList<LinearLayer> Linears { get; }

    /// <summary>Weights outside the blocks (embeddings, final norm, head).</summary>
    protected abstract IReadOnlyList<LazyTensor> OuterWeights { get; }

    public LinearLayer Linear(string name) =>
        _linearsByName.TryGetValue(name, out var linear)
            ? linear
            : throw new KeyNotFoundException($"The model has no prunable linear named '{name}'.");

    /// <summary>Input (token ids int64 [B, T] for language models) → block-0 input, float32 [B, T, hidden].</summary>
    public Tensor Embed(Tensor input)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return EmbedCore(ComputeDevice.Place(input)).MoveToOuterDisposeScope();
    }

    /// <summary>Output of the last block → logits (final norm, projections, head).</summary>
    public Tensor Head(Tensor hidden)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return HeadCore(hidden).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Embeddings, every block, head. Weights that were not in memory before the call are released after use,
    /// so a full pass holds at most one block (plus embeddings and head) at a time.
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outerWasLoaded = OuterWeights.Select(w => w.IsLoaded).ToArray();
        var hidden = Embed(input);
        foreach (var block in Blocks)
        {
            var wasMaterialized = block.IsMaterialized;
            var next = block.call(hidden);
            hidden.Dispose();
            hidden = next;
            if (!wasMaterialized)
            {
                block.Release();
            }
        }

        var logits = Head(hidden);
        for (var i = 0; i < outerWasLoaded.Length; i++)
        {
            if (!outerWasLoaded[i])
            {
                OuterWeights[i].Release();
            }
        }

        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Frees every weight read from the checkpoint; replaced linear weights are kept.</summary>
    public void Release()
    {
        foreach (var block in Blocks)
        {
            block.Release();
        }

        foreach (var weight in OuterWeights)
        {
            weight.Release();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes <see cref="Dispose()"/> also dispose <see cref="Weights"/> (the loader opened them, so the model owns them).</summary>
    internal void OwnWeights() => _ownsWeights = true;

    protected abstract Tensor EmbedCore(Tensor input);

    protected abstract Tensor HeadCore(Tensor hidden);

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var block in Blocks)
        {
            block.Dispose();
        }

        foreach (var weight in OuterWeights)
        {
            weight.Dispose();
        }

        if (_ownsWeights)
        {
            Weights.Dispose();
        }
    }
}
