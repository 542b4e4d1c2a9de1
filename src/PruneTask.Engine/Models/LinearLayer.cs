using PruneTask.Engine.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// A prunable linear y = x Wᵀ + b. Pruning code always sees W as float32 [out, in], whatever the checkpoint's
/// dtype and orientation. A replaced weight is kept apart from the checkpoint, so it survives
/// <see cref="Release"/> and re-materialization.
/// </summary>
public sealed class LinearLayer : nn.Module<Tensor, Tensor>
{
    private readonly ITensorSource _source;
    private readonly LazyTensor _weight;
    private readonly LazyTensor? _bias;
    private Tensor? _override;
    private LazyTensor? _spilled;
    private FactoredKernel? _factored;

    public LinearLayer(LinearSpec spec, ITensorSource source)
        : base(spec.Name)
    {
        Spec = spec;
        _source = source;
        _weight = new LazyTensor(source, spec.WeightName, transpose: spec.StoredLayout == WeightLayout.InOut);
        _bias = spec.BiasName is { } biasName ? new LazyTensor(source, biasName) : null;
    }

    public LinearSpec Spec { get; }

    /// <summary>
    /// Called with every input ([..., in] float32) before the product, during <c>call</c> and <c>forward</c> alike.
    /// The input, and any tensor the observer creates, belong to the block's dispose scope and are freed when the
    /// block returns: accumulate into tensors made beforehand, or <c>DetachFromDisposeScope()</c> what must outlive the call.
    /// </summary>
    public Action<LinearLayer, Tensor>? InputObserver { get; set; }

    /// <summary>Called with the input and the output of every forward pass (the output as the layer computed it, bias included).</summary>
    public Action<LinearLayer, Tensor, Tensor>? OutputObserver { get; set; }

    public bool HasOverride => _override is not null || _spilled is not null;

    public bool IsMaterialized =>
        (_override is not null || _factored is not null || (_spilled?.IsLoaded ?? _weight.IsLoaded)) && (_bias?.IsLoaded ?? true);

    /// <summary>A float32 [out, in] copy of the current weight (replaced or stored); the caller owns it.</summary>
    public Tensor ReadWeight() => _override?.clone() ?? (Stored.IsLoaded ? Stored.Value.clone() : Stored.Read());

    /// <summary>A float32 [out, in] copy of the checkpoint's weight, whatever replaced it; the caller owns it.</summary>
    public Tensor ReadCheckpointWeight() => _weight.IsLoaded ? _weight.Value.clone() : _weight.Read();

    /// <summary>Whether the weight was replaced and the replacement is held in memory (not spilled, not factored).</summary>
    public bool HoldsReplacement => _override is not null && _factored is null;

    /// <summary>Where the weight is read from when it is not held in memory: the spilled replacement, else the checkpoint.</summary>
    private LazyTensor Stored => _spilled ?? _weight;

    /// <summary>A float32 [out] copy of the bias, or null when the linear has none; the caller owns it.</summary>
    public Tensor? ReadBias() => _bias?.Read();

    /// <summary>Replaces the weight with a float32 copy of <paramref name="weight"/> ([out, in]); the argument stays the caller's.</summary>
    public void ReplaceWeight(Tensor weight)
    {
        if (!weight.shape.SequenceEqual([Spec.OutFeatures, Spec.InFeatures]))
        {
            throw new ArgumentException(
                $"{Spec.Name}: a replacement weight must be [{Spec.OutFeatures}, {Spec.InFeatures}], not [{string.Join(", ", weight.shape)}].",
                nameof(weight));
        }

        Tensor copy;
        using (NewDisposeScope())
        {
            copy = weight.detach().to(float32, copy: true).contiguous().MoveToOuterDisposeScope();
        }

        copy.DetachFromDisposeScope();
        _override?.Dispose();
        _override = copy;
        _spilled?.Dispose();
        _spilled = null;
        _factored?.Dispose();
        _factored = null;
        _weight.Release();
    }

    /// <summary>
    /// Lets go of the replaced weight held in memory: from now on it is read from <paramref name="name"/> in
    /// <paramref name="source"/> (float32 [out, in], the same values) when used, and freed again by <see cref="Release"/>.
    /// </summary>
    public void Spill(ITensorSource source, string name)
    {
        if (!HoldsReplacement)
        {
            throw new InvalidOperationException($"{Spec.Name}: only a replaced weight held in memory can be spilled.");
        }

        _override!.Dispose();
        _override = null;
        _spilled = new LazyTensor(source, name);
    }

    /// <summary>
    /// Replaces the weight with <paramref name="name"/> in <paramref name="source"/> (a stored result, [out, in]), read
    /// as float32 when used and freed again by <see cref="Release"/>: nothing is read now.
    /// </summary>
    public void UseStoredWeight(ITensorSource source, string name)
    {
        if (!source.Info(name).Shape.SequenceEqual([Spec.OutFeatures, Spec.InFeatures]))
        {
            throw new ArgumentException(
                $"{Spec.Name}: a replacement weight must be [{Spec.OutFeatures}, {Spec.InFeatures}], not [{string.Join(", ", source.Info(name).Shape)}].",
                nameof(name));
        }

        _override?.Dispose();
        _override = null;
        _factored?.Dispose();
        _factored = null;
        _spilled?.Dispose();
        _spilled = new LazyTensor(source, name);
        _weight.Release();
    }

    /// <summary>The current weight as the checkpoint stores it (dtype and orientation), for export; the caller owns it.</summary>
    public Tensor ToStoredWeight()
    {
        if (_override is null && _spilled is null)
        {
            return _source.Load(Spec.WeightName);
        }

        using var scope = NewDisposeScope();
        var current = _override ?? _spilled!.Read();
        var oriented = Spec.StoredLayout == WeightLayout.InOut ? current.t() : current;
        return oriented.to(Spec.StoredDtype.ToScalarType(), copy: true).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Computes the layer from its factored form (x·Sᵀ + (x·Vᵀ)·Uᵀ + b) instead of its weight, until
    /// <see cref="ReplaceWeight"/>; the layer owns and disposes <paramref name="kernel"/>.
    /// </summary>
    public void UseFactored(FactoredKernel kernel)
    {
        if (kernel.OutFeatures != Spec.OutFeatures || kernel.InFeatures != Spec.InFeatures)
        {
            throw new ArgumentException($"{Spec.Name}: a factored kernel must be [{Spec.OutFeatures}, {Spec.InFeatures}].", nameof(kernel));
        }

        _factored?.Dispose();
        _factored = kernel;
        _weight.Release();
    }

    public void Materialize()
    {
        if (_override is null && _factored is null)
        {
            _ = Stored.Value;
        }

        _ = _bias?.Value;
    }

    public void Release()
    {
        _weight.Release();
        _spilled?.Release();
        _bias?.Release();
    }

    public override Tensor forward(Tensor input)
    {
        InputObserver?.Invoke(this, input);
        var output = _factored is not null && _override is null
            ? _factored.Apply(input, _bias?.Value)
            : nn.functional.linear(input, _override ?? Stored.Value, _bias?.Value);
        OutputObserver?.Invoke(this, input, output);
        return output;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _weight.Dispose();
            _bias?.Dispose();
            _override?.Dispose();
            _override = null;
            _spilled?.Dispose();
            _spilled = null;
            _factored?.Dispose();
            _factored = null;
        }

        base.Dispose(disposing);
    }
}
