using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export;

/// <summary>
/// <c>format: factored</c>: every layer the method returned a factored form for (OATS) is written as its sparse part in
/// CSR form and its low-rank factors instead of its dense weight, and prune_config.json lists them
/// (<see cref="FactoredFormat"/>); every other layer is written dense.
/// </summary>
public sealed class FactoredExport : ExportLayout
{
    private readonly Dictionary<string, (LinearLayer Linear, LayerFactors Factors, long Nnz)> _layers = new(StringComparer.Ordinal);

    public FactoredExport(PrunableModel model, FactorStore factors)
    {
        foreach (var (name, layer) in factors.Layers)
        {
            var linear = model.Linear(name);
            var nnz = Models.Float32Scan.CountNonzero(layer.Sparse);
            _layers[linear.Spec.WeightName] = (linear, layer, nnz);
            var (outFeatures, inFeatures) = (linear.Spec.OutFeatures, linear.Spec.InFeatures);
            PhysicallyRemoved += (outFeatures * inFeatures) - nnz - (layer.U.shape[1] * (outFeatures + inFeatures));
        }
    }

    public override long PhysicallyRemoved { get; }

    public override IReadOnlyList<SafetensorsEntry>? Replace(string name, TensorDtype dtype)
    {
        if (!_layers.TryGetValue(name, out var layer))
        {
            return null;
        }

        var (spec, factors, nnz) = (layer.Linear.Spec, layer.Factors, layer.Nnz);
        var scalar = dtype.ToScalarType();
        var rank = factors.U.shape[1];
        return
        [
            SafetensorsEntry.Deferred(FactoredFormat.Values(spec.Name), dtype, [nnz], () => factors.Sparse.masked_select(factors.Sparse.ne(Methods.RootedScalars.Zero)).to(scalar)),
            SafetensorsEntry.Deferred(FactoredFormat.ColumnIndices(spec.Name), TensorDtype.I32, [nnz], () => factors.Sparse.nonzero().select(1, 1).to(ScalarType.Int32)),
            SafetensorsEntry.Deferred(FactoredFormat.RowOffsets(spec.Name), TensorDtype.I64, [spec.OutFeatures + 1], () => RowOffsets(factors.Sparse)),
            SafetensorsEntry.Deferred(FactoredFormat.LowRankU(spec.Name), dtype, [spec.OutFeatures, rank], () => factors.U.to(scalar, copy: true).contiguous()),
            SafetensorsEntry.Deferred(FactoredFormat.LowRankV(spec.Name), dtype, [rank, spec.InFeatures], () => factors.V.to(scalar, copy: true).contiguous()),
        ];
    }

    public override IReadOnlyDictionary<string, string> Files(string modelDirectory)
    {
        var layers = _layers.Values.ToDictionary(
            l => l.Linear.Spec.Name,
            l => new FactoredLayerEntry(
                [l.Linear.Spec.OutFeatures, l.Linear.Spec.InFeatures],
                l.Linear.Spec.StoredLayout == WeightLayout.InOut ? FactoredLayerEntry.InOut : FactoredLayerEntry.OutIn,
                (int)l.Factors.U.shape[1],
                l.Nnz,
                l.Linear.Spec.Parts.Count > 1 ? l.Linear.Spec.Parts.Select(p => new FactoredPart(p.Role.ToString(), p.FirstRow, p.Rows)).ToArray() : null),
            StringComparer.Ordinal);
        var format = new FactoredFormat { Layers = new SortedDictionary<string, FactoredLayerEntry>(layers, StringComparer.Ordinal) };
        return new Dictionary<string, string> { [FactoredFormat.FileName] = format.Serialize() };
    }

    /// <summary>CSR row offsets [out + 1] (int64): offsets[i] is the number of nonzeros in the rows before row i.</summary>
    private static Tensor RowOffsets(Tensor sparse)
    {
        var perRow = sparse.ne(Methods.RootedScalars.Zero).sum([1], type: ScalarType.Int64);
        return cat([zeros(1, ScalarType.Int64), perRow.cumsum(dim: 0)]);
    }
}
