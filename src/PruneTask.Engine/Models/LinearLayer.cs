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
    /// Called with every input before the product, during <c>call</c> and <c>forward</c> alike. The input
    /// ([..., in] float32) belongs to the running forward pass: copy what must outlive the call.
    /// </summary>
    public Action<LinearLayer, Tensor>? InputObserver { get; set; }

    public bool HasOverride => _override is not null;

    public bool IsMaterialized => (_override is not null || _weight.IsLoaded) && (_bias?.IsLoaded ?? true);

    /// <summary>A float32 [out, in] copy of the current weight (replaced or stored); the caller owns it.</summary>
    public Tensor ReadWeight() => _override?.clone() ?? (_weight.IsLoaded ? _weight.Value.clone() : _weight.Read());

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

        var copy = weight.detach().to(float32, copy: true).contiguous().DetachFromDisposeScope();
        _override?.Dispose();
        _override = copy;
        _weight.Release();
    }

    /// <summary>The current weight as the checkpoint stores it (dtype and orientation), for export; the caller owns it.</summary>
    public Tensor ToStoredWeight()
    {
        if (_override is null)
        {
            return _source.Load(Spec.WeightName);
        }

        using var scope = NewDisposeScope();
        var oriented = Spec.StoredLayout == WeightLayout.InOut ? _override.t() : _override;
        return oriented.to(Spec.StoredDtype.ToScalarType(), copy: true).contiguous().MoveToOuterDisposeScope();
    }

    public void Materialize()
    {
        if (_override is null)
        {
            _ = _weight.Value;
        }

        _ = _bias?.Value;
    }

    public void Release()
    {
        _weight.Release();
        _bias?.Release();
    }

    public override Tensor forward(Tensor input)
    {
        InputObserver?.Invoke(this, input);
        return nn.functional.linear(input, _override ?? _weight.Value, _bias?.Value);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _weight.Dispose();
            _bias?.Dispose();
            _override?.Dispose();
            _override = null;
        }

        base.Dispose(disposing);
    }
}
