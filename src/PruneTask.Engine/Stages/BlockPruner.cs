using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Export;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Resolution;
using static TorchSharp.torch;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The calibrate and prune stages for one block: statistics of the block's inputs (from the cache or one pass
/// over the calibration activations), then each planned layer (from the cache or its method), whose result
/// replaces the layer's weight.
/// </summary>
/// <param name="factors">When given (factored output), receives the factored form of every layer whose method returns one.</param>
public sealed class BlockPruner(StageContext context, IReadOnlyDictionary<string, LayerTarget> targets, ModelConfig config, FactorStore? factors = null)
{
    /// <param name="hidden">The block's calibration input [samples, tokens, hidden], or null without calibration data.</param>
    /// <param name="denseOutputs">When given (dense propagation), receives the dense block's outputs.</param>
    public BlockPruneResult Prune(
        TransformerBlock block, IReadOnlyList<ResolvedLayer> layers, Tensor? hidden, CacheKey inputKey, ReconstructionMeter meter, List<Tensor>? denseOutputs)
    {
        var methods = layers.ToDictionary(l => l.Name, l => MethodRegistry.Get(l.Method!), StringComparer.Ordinal);
        var needs = layers
            .GroupBy(l => block.Linears.First(x => x.Spec.Name == l.Name).Spec.InputKey)
            .Select(g => (Key: g.Key, Need: g.Max(l => methods[l.Name].Needs)))
            .Where(x => x.Need != StatisticsNeed.None)
            .ToDictionary(x => x.Key, x => x.Need);
        var (statistics, statisticsKey, hit) = Statistics(block, hidden, inputKey, needs, denseOutputs);
        try
        {
            var keys = new List<CacheKey>();
            var reports = new List<(LayerReport Report, bool[]? RemovedGroups)>();
            foreach (var layer in layers)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var linear = block.Linears.First(l => l.Spec.Name == layer.Name);
                var stats = statistics.GetValueOrDefault(linear.Spec.InputKey);
                var (key, report, removedGroups) = PruneLayer(linear, layer, methods[layer.Name], stats, statisticsKey, meter);
                keys.Add(key);
                reports.Add((report, removedGroups));
            }

            var (removal, finalReports) = StructuredFollowUp.Apply(block, BlockShapes.Read(config)[block.Index], config.HeadDim, reports);
            return new BlockPruneResult(keys, finalReports, hit, statisticsKey) { Removal = removal };
        }
        finally
        {
            foreach (var s in statistics.Values)
            {
                s.Dispose();
            }
        }
    }

    private (Dictionary<string, LayerStatistics> Statistics, CacheKey? Key, bool Hit) Statistics(
        TransformerBlock block, Tensor? hidden, CacheKey inputKey, Dictionary<string, StatisticsNeed> needs, List<Tensor>? denseOutputs)
    {
        if (needs.Count == 0 || hidden is null)
        {
            if (denseOutputs is not null && hidden is not null)
            {
                BlockRunner.Run(block, hidden, context.BatchSize, denseOutputs, context.Cancellation);
            }

            return ([], null, false);
        }

        var key = context.Keys.Statistics(inputKey, block.Index, needs.Values.Max());
        var cached = StatisticsStore.TryRead(context.Cache, key);
        if (cached is not null)
        {
            if (denseOutputs is not null)
            {
                BlockRunner.Run(block, hidden, context.BatchSize, denseOutputs, context.Cancellation);
            }

            return (cached, key, true);
        }

        // Every input of the block at the highest need, so one entry serves any later change of which layers are pruned.
        var fullNeeds = block.Linears.Select(l => l.Spec.InputKey).Distinct().ToDictionary(k => k, _ => needs.Values.Max());
        var collected = BlockCalibrator.Collect(block, hidden, fullNeeds, context.BatchSize, denseOutputs, context.Cancellation);
        StatisticsStore.Write(context.Cache, key, $"statistics of block {block.Index}", collected);
        return (collected, key, false);
    }

    /// <summary>Parameters the layer keeps: nonzero weights, or for a factored result its low-rank factors plus the sparse part's nonzeros.</summary>
    private static long StoredParameters(PrunedLayer result) =>
        result.LowRankU is { } u && result.LowRankV is { } v && result.Sparse is { } sparse
            ? u.numel() + v.numel() + sparse.count_nonzero().item<long>()
            : result.Weight.count_nonzero().item<long>();

    private (CacheKey Key, LayerReport Report, bool[]? RemovedGroups) PruneLayer(
        LinearLayer linear, ResolvedLayer layer, IPruningMethod method, LayerStatistics? statistics, CacheKey? statisticsKey, ReconstructionMeter meter)
    {
        var target = targets[layer.Name];
        var sparsity = MethodRequestOptions.Sparsity(layer, target);
        var options = MethodRequestOptions.For(layer, target, config, linear.Spec);
        var key = context.Keys.Layer(layer.Name, method, target, options, method.Needs == StatisticsNeed.None ? null : statisticsKey);
        var clock = Stopwatch.StartNew();
        using var dense = linear.ReadWeight();
        var result = LayerResultStore.TryRead(context.Cache, key);
        var hit = result is not null;
        if (result is null)
        {
            result = method.Prune(new LayerPruneRequest(dense, statistics, sparsity, target.Pattern, options) { Cancellation = context.Cancellation });
            LayerResultStore.Write(context.Cache, key, $"{layer.Name} ({method.Name} {target})", result, clock.Elapsed.TotalSeconds);
        }

        using (result)
        {
            linear.ReplaceWeight(result.Weight);
            factors?.Keep(layer.Name, result);
            meter.Track(layer.Name, dense, result.Weight);
            foreach (var warning in result.Warnings)
            {
                context.Log.Warning("{Layer}: {Warning}", layer.Name, warning);
            }

            var count = result.Weight.numel();
            var zeros = count - result.Weight.count_nonzero().item<long>();
            var report = new LayerReport
            {
                Name = layer.Name,
                Block = linear.Spec.Block,
                Method = method.Name,
                Target = $"{layer.Target!.Key} {target}",
                Shape = [linear.Spec.OutFeatures, linear.Spec.InFeatures],
                AchievedSparsity = (double)zeros / count,
                ParametersBefore = count,
                ParametersAfter = StoredParameters(result),
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                Cache = hit ? "hit" : "miss",
                Warnings = result.Warnings,
            };
            return (key, report, result.RemovedGroups);
        }
    }
}
