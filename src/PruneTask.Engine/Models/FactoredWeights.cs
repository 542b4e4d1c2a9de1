using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>
/// A factored checkpoint (<see cref="FactoredFormat"/>) seen as a dense one: every layer prune_config.json lists appears
/// as <c>&lt;layer&gt;.weight</c>, rebuilt as U·V + S when loaded (in the sparse values' dtype and the checkpoint's
/// orientation), and its five factor tensors are hidden. <see cref="Kernel"/> gives the factors themselves, for
/// computing the layer without rebuilding it. Disposing it disposes the wrapped source.
/// </summary>
public sealed class FactoredWeights : ITensorSource
{
    private readonly ITensorSource _inner;
    private readonly FactoredFormat _format;
    private readonly Dictionary<string, string> _layerOfWeight;
    private readonly string[] _names;
    private readonly HashSet<string> _nameSet;

    public FactoredWeights(ITensorSource inner, FactoredFormat format)
    {
        _inner = inner;
        _format = format;
        _layerOfWeight = format.Layers.Keys.ToDictionary(layer => layer + ".weight", layer => layer, StringComparer.Ordinal);
        foreach (var (layer, entry) in format.Layers)
        {
            CheckTensors(layer, entry);
        }

        var factorTensors = format.Layers.Keys.SelectMany(FactoredFormat.TensorNames).ToHashSet(StringComparer.Ordinal);
        var valuesOf = format.Layers.Keys.ToDictionary(FactoredFormat.Values, layer => layer + ".weight", StringComparer.Ordinal);
        _names = inner.Names
            .Select(name => valuesOf.TryGetValue(name, out var weight) ? weight : factorTensors.Contains(name) ? null : name)
            .OfType<string>()
            .ToArray();
        _nameSet = _names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The module names of the factored layers.</summary>
    public IReadOnlyCollection<string> Layers => _format.Layers.Keys.ToArray();

    public IReadOnlyList<string> Names => _names;

    /// <summary>Wraps <paramref name="weights"/> when the folder holds a factored prune_config.json; otherwise returns it as is.</summary>
    public static ITensorSource Wrap(string modelDirectory, ITensorSource weights) =>
        FactoredFormat.Read(modelDirectory) is { } format ? new FactoredWeights(weights, format) : weights;

    public bool Contains(string name) => _nameSet.Contains(name);

    public TensorInfo Info(string name)
    {
        if (!_layerOfWeight.TryGetValue(name, out var layer))
        {
            return _inner.Info(name);
        }

        var dtype = _inner.Info(FactoredFormat.Values(layer)).Dtype;
        var shape = StoredShape(_format.Layers[layer]);
        return new TensorInfo(name, dtype, shape, "", 0, shape.Aggregate(1L, (a, b) => a * b) * dtype.ElementSize());
    }

    public torch.Tensor Load(string name)
    {
        if (!_layerOfWeight.TryGetValue(name, out var layer))
        {
            return _inner.Load(name);
        }

        using var scope = torch.NewDisposeScope();
        using var kernelParts = Factors(layer);
        var dense = kernelParts.U.matmul(kernelParts.V).add_(kernelParts.Sparse, RootedScalars.One);
        var oriented = _format.Layers[layer].StoredLayout == FactoredLayerEntry.InOut ? dense.t() : dense;
        return oriented.to(_inner.Info(FactoredFormat.Values(layer)).Dtype.ToScalarType()).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>A kernel computing the layer from its factors (float32); the caller owns it.</summary>
    public FactoredKernel Kernel(string layer)
    {
        using var scope = torch.NewDisposeScope();
        using var factors = Factors(layer);
        return new FactoredKernel(factors.U.alias(), factors.V.alias(), factors.Sparse.to_sparse());
    }

    public void Dispose() => _inner.Dispose();

    /// <summary>U [out, rank], V [rank, in] and the sparse part as a dense [out, in] tensor, float32; the caller owns them.</summary>
    internal LayerFactorTensors Factors(string layer)
    {
        using var scope = torch.NewDisposeScope();
        var entry = _format.Layers[layer];
        var (outFeatures, inFeatures) = (entry.Shape[0], entry.Shape[1]);
        var offsets = _inner.Load(FactoredFormat.RowOffsets(layer)).to(torch.int64);
        var columns = _inner.Load(FactoredFormat.ColumnIndices(layer)).to(torch.int64);
        var counts = torch.diff(offsets);
        if (offsets[0].item<long>() != 0 || offsets[-1].item<long>() != entry.Nnz || counts.lt(0).any().item<bool>()
            || (entry.Nnz > 0 && (columns.min().item<long>() < 0 || columns.max().item<long>() >= inFeatures)))
        {
            throw new InvalidModelException($"{layer}: the sparse part's row offsets or column indices are not a valid CSR layout of [{outFeatures}, {inFeatures}].");
        }

        using var width = inFeatures.ToScalar();
        using var one = 1L.ToScalar();
        var rows = torch.arange(outFeatures, dtype: torch.int64).repeat_interleave(counts);
        var positions = rows.mul(width).add_(columns, one);
        var sparse = torch.zeros(outFeatures * inFeatures).index_copy_(0, positions, _inner.LoadFloat32(FactoredFormat.Values(layer))).view(outFeatures, inFeatures);
        return new LayerFactorTensors(
            _inner.LoadFloat32(FactoredFormat.LowRankU(layer)).MoveToOuterDisposeScope(),
            _inner.LoadFloat32(FactoredFormat.LowRankV(layer)).MoveToOuterDisposeScope(),
            sparse.MoveToOuterDisposeScope());
    }

    private void CheckTensors(string layer, FactoredLayerEntry entry)
    {
        if (entry.Shape is not [var outFeatures, var inFeatures] || entry.Rank < 0 || entry.Nnz < 0)
        {
            throw new InvalidModelException($"{FactoredFormat.FileName}: layer '{layer}' needs a shape [out, in], a rank and nnz.");
        }

        CheckpointTensors.Require(_inner, FactoredFormat.Values(layer), entry.Nnz);
        CheckpointTensors.Require(_inner, FactoredFormat.ColumnIndices(layer), entry.Nnz);
        CheckpointTensors.Require(_inner, FactoredFormat.RowOffsets(layer), outFeatures + 1);
        CheckpointTensors.Require(_inner, FactoredFormat.LowRankU(layer), outFeatures, entry.Rank);
        CheckpointTensors.Require(_inner, FactoredFormat.LowRankV(layer), entry.Rank, inFeatures);
    }

    private static long[] StoredShape(FactoredLayerEntry entry) =>
        entry.StoredLayout == FactoredLayerEntry.InOut ? [entry.Shape[1], entry.Shape[0]] : [entry.Shape[0], entry.Shape[1]];

    /// <summary>U, V and the sparse part as a dense float32 tensor.</summary>
    internal sealed record LayerFactorTensors(torch.Tensor U, torch.Tensor V, torch.Tensor Sparse) : IDisposable
    {
        public void Dispose()
        {
            U.Dispose();
            V.Dispose();
            Sparse.Dispose();
        }
    }
}
