using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Structured;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export;

/// <summary>
/// <c>format: shrunk</c>: the removed neurons and heads leave the model. Producer rows (and their bias entries) and
/// consumer columns are dropped, so the linears are physically smaller; config.json records each changed block's sizes
/// (<see cref="ShrunkConfig"/>). Only this project's loader reads per-block sizes back.
/// </summary>
public sealed class ShrunkExport : ExportLayout
{
    private readonly PrunableModel _model;
    private readonly IReadOnlyList<BlockRemoval> _removals;
    private readonly Dictionary<string, (LinearLayer Linear, LinearCut Cut)> _cutWeights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LinearLayer Linear, LinearCut Cut)> _cutBiases = new(StringComparer.Ordinal);

    public ShrunkExport(PrunableModel model, IReadOnlyList<BlockRemoval> removals)
    {
        _model = model;
        _removals = removals;
        foreach (var removal in removals)
        {
            foreach (var linear in model.Blocks[removal.Block].Linears)
            {
                var cut = LinearCut.For(linear.Spec, removal, model.Config.HeadDim);
                if (cut.IsEmpty)
                {
                    continue;
                }

                _cutWeights[linear.Spec.WeightName] = (linear, cut);
                if (linear.Spec.BiasName is { } bias && cut.Rows.Count > 0)
                {
                    _cutBiases[bias] = (linear, cut);
                }

                PhysicallyRemoved += (cut.Rows.Count * linear.Spec.InFeatures) + (cut.Columns.Count * (linear.Spec.OutFeatures - cut.Rows.Count))
                    + (linear.Spec.HasBias ? cut.Rows.Count : 0);
            }
        }
    }

    public override long PhysicallyRemoved { get; }

    public override IReadOnlyList<SafetensorsEntry>? Replace(string name, TensorDtype dtype)
    {
        if (_cutWeights.TryGetValue(name, out var weight))
        {
            var spec = weight.Linear.Spec;
            var rows = LinearCut.Kept(spec.OutFeatures, weight.Cut.Rows);
            var columns = LinearCut.Kept(spec.InFeatures, weight.Cut.Columns);
            long[] shape = spec.StoredLayout == WeightLayout.InOut ? [columns.Length, rows.Length] : [rows.Length, columns.Length];
            return [SafetensorsEntry.Deferred(name, dtype, shape, () =>
            {
                var kept = weight.Linear.ReadWeight().index_select(0, tensor(rows)).index_select(1, tensor(columns));
                var oriented = spec.StoredLayout == WeightLayout.InOut ? kept.t() : kept;
                return oriented.to(dtype.ToScalarType()).contiguous();
            })];
        }

        if (_cutBiases.TryGetValue(name, out var bias))
        {
            var rows = LinearCut.Kept(bias.Linear.Spec.OutFeatures, bias.Cut.Rows);
            return [SafetensorsEntry.Deferred(name, dtype, [rows.Length], () => _model.Weights.Load(name).index_select(0, tensor(rows)).to(dtype.ToScalarType()))];
        }

        return null;
    }

    public override IReadOnlyDictionary<string, string> Files(string modelDirectory) => new Dictionary<string, string>
    {
        [ModelLoader.ConfigFileName] = ShrunkConfig.Write(File.ReadAllText(Path.Combine(modelDirectory, ModelLoader.ConfigFileName)), _model.Config, _removals),
    };
}
