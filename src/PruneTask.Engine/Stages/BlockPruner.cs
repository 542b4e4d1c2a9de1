using System.Diagnostics;
using PruneTask.Engine.Benchmarks;
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
/// <param name="spill">When given, receives each layer's new weight as soon as it is set, so a block's results do not pile up in memory.</param>
public sealed class BlockPruner(
    StageContext context, IReadOnlyDictionary<string, LayerTarget> targets, ModelConfig config, FactorStore? factors = null, SpillFolder? spill = null)
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

        // The solves read each weight afresh; holding the whole block in float32 meanwhile would only add to the peak.
        block.Release();
        try
        {
            var keys = new List<CacheKey>();
            var reports = new List<(LayerReport Report, bool[]? RemovedGroups)>();
            var linears = layers.Select(layer => block.Linears.First(l => l.Spec.Name == layer.Name)).ToList();
            for (var i = 0; i < layers.Count; i++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var linear = linears[i];
                var stats = statistics.GetValueOrDefault(linear.Spec.InputKey);
                var (key, report, removedGroups) = PruneLayer(linear, layers[i], methods[layers[i].Name], stats, statisticsKey, meter);
                keys.Add(key);
                reports.Add((report, removedGroups));
                context.Progress?.Report(RunProgress.Layer(i + 1, layers.Count, layers[i].Name));
                if (stats is not null && linears.Skip(i + 1).All(l => l.Spec.InputKey != linear.Spec.InputKey))
                {
                    // The last layer reading this input is done: a later solve need not share memory with its statistics.
                    stats.Dispose();
                    statistics.Remove(linear.Spec.InputKey);
                }
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
        using var interval = context.Ledger.Time(Stage.Calibrate);
        if (needs.Count == 0 || hidden is null)
        {
            if (denseOutputs is not null && hidden is not null)
            {
                RunDense(block, hidden, denseOutputs);
            }

            return ([], null, false);
        }

        var key = context.Keys.Statistics(inputKey, block.Index, needs.Values.Max());
        var cached = StatisticsStore.TryRead(context.Cache, key);
        if (cached is not null)
        {
            if (denseOutputs is not null)
            {
                RunDense(block, hidden, denseOutputs);
            }

            return (cached, key, true);
        }

        // Every input of the block at the highest need, so one entry serves any later change of which layers are pruned.
        var fullNeeds = block.Linears.Select(l => l.Spec.InputKey).Distinct().ToDictionary(k => k, _ => needs.Values.Max());
        var collected = BlockCalibrator.Collect(block, hidden, fullNeeds, context.BatchSize, denseOutputs, context.Cancellation);
        FiniteResults.RequireStatistics(block.Index, collected);
        var rows = hidden.shape[0] * hidden.shape[1];
        context.Ledger.Count(Stage.Calibrate, Forward(block, hidden) + fullNeeds.Sum(n => OperationCounts.Statistics(n.Value, rows, InFeatures(block, n.Key))));
        StatisticsStore.Write(context.Cache, key, $"statistics of block {block.Index}", collected);
        return (collected, key, false);
    }

    /// <summary>The counted work of one pass of <paramref name="block"/> over <paramref name="hidden"/> [samples, tokens, hidden].</summary>
    internal double Forward(TransformerBlock block, Tensor hidden) =>
        OperationCounts.BlockForward(block.Linears.Select(l => l.Spec), hidden.shape[0], hidden.shape[1], (long)config.NumHeads * config.HeadDim);

    private static long InFeatures(TransformerBlock block, string inputKey) => block.Linears.First(l => l.Spec.InputKey == inputKey).Spec.InFeatures;

    private void RunDense(TransformerBlock block, Tensor hidden, List<Tensor> denseOutputs)
    {
        BlockRunner.Run(block, hidden, context.BatchSize, denseOutputs, context.Cancellation);
        context.Ledger.Count(Stage.Calibrate, Forward(block, hidden));
    }

    /// <summary>Parameters the layer keeps: nonzero weights, or for a factored result its low-rank factors plus the sparse part's nonzeros.</summary>
    private static long StoredParameters(PrunedLayer result) =>
        result.LowRankU is { } u && result.LowRankV is { } v && result.Sparse is { } sparse
            ? u.numel() + v.numel() + sparse.count_nonzero().item<long>()
            : result.Weight.count_nonzero().item<long>();

    /// <summary>The method's result, checked finite; a numerical failure becomes PRN103 naming the layer.</summary>
    private static PrunedLayer Run(IPruningMethod method, string layer, LayerPruneRequest request)
    {
        PrunedLayer result;
        try
        {
            result = method.Prune(request);
        }
        catch (NumericalFailureException e)
        {
            throw new PruneRunException(RunErrorCodes.NumericalFailure, $"{layer}: {e.Message}", inner: e);
        }

        try
        {
            FiniteResults.RequireResult(layer, method.Name, result);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private (CacheKey Key, LayerReport Report, bool[]? RemovedGroups) PruneLayer(
        LinearLayer linear, ResolvedLayer layer, IPruningMethod method, LayerStatistics? statistics, CacheKey? statisticsKey, ReconstructionMeter meter)
    {
        var target = targets[layer.Name];
        var sparsity = MethodRequestOptions.Sparsity(layer, target);
        var options = MethodRequestOptions.For(layer, target, config, linear.Spec);
        var key = context.Keys.Layer(layer.Name, method, target, options, method.Needs == StatisticsNeed.None ? null : statisticsKey);
        using var interval = context.Ledger.Time(Stage.Prune);
        var clock = Stopwatch.StartNew();
        using var dense = linear.ReadWeight();
        var result = LayerResultStore.TryRead(context.Cache, key);
        var hit = result is not null;
        if (result is null)
        {
            result = Run(method, layer.Name, new LayerPruneRequest(dense, statistics, sparsity, target.Pattern, options) { Cancellation = context.Cancellation });
            context.Ledger.Count(Stage.Prune, OperationCounts.Solve(method.Name, linear.Spec.OutFeatures, linear.Spec.InFeatures, target.Pattern));
            LayerResultStore.Write(context.Cache, key, $"{layer.Name} ({method.Name} {target})", result, clock.Elapsed.TotalSeconds);
        }

        using (result)
        {
            linear.ReplaceWeight(result.Weight);
            spill?.Spill(linear);

            factors?.Keep(layer.Name, result);
            meter.Track(layer.Name);
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
