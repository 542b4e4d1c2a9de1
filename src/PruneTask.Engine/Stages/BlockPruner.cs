using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Export;
using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Structured;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
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
    StageContext context, IReadOnlyDictionary<string, PruneTarget> targets, ModelConfig config, FactorStore? factors = null, SpillFolder? spill = null)
{
    /// <summary>The cache entry of the block's statistics, written in the background while its layers are solved; null when none is pending.</summary>
    private Task? _statisticsWrite;

    /// <summary>The keys of the planned layers' results, from keys alone: nothing is read or computed.</summary>
    public IReadOnlyList<CacheKey> LayerKeys(TransformerBlock block, IReadOnlyList<ResolvedLayer> layers, CacheKey inputKey, bool calibrated) =>
        Keys(block, layers, Methods(layers), inputKey, calibrated).Layers;

    /// <param name="activations">Gives the block's calibration input [samples, tokens, hidden] when first asked for it (only when a result is not cached); null without calibration data.</param>
    /// <param name="denseOutputs">When given (dense propagation), receives the dense block's outputs.</param>
    public BlockPruneResult Prune(
        TransformerBlock block, IReadOnlyList<ResolvedLayer> layers, Func<Tensor>? activations, CacheKey inputKey, ReconstructionMeter meter, List<Tensor>? denseOutputs)
    {
        var methods = Methods(layers);
        var (statisticsKey, layerKeys) = Keys(block, layers, methods, inputKey, activations is not null);
        var linears = layers.Select(layer => Linear(block, layer)).ToList();
        var statistics = new Dictionary<string, LayerStatistics>(StringComparer.Ordinal);
        var statisticsHit = true;
        var statisticsRead = false;
        if (context.Cache is { } cache && layerKeys.All(cache.Contains))
        {
            // Every result is cached: the statistics are read only if a result turns out unreadable.
            if (denseOutputs is not null)
            {
                using var interval = context.Ledger.Time(Stage.Calibrate);
                RunDense(block, activations!(), denseOutputs);
            }
        }
        else
        {
            (statistics, statisticsHit) = Statistics(block, activations, statisticsKey, Needs(block, layers, methods), denseOutputs);
            statisticsRead = true;
        }

        // The solves read each weight afresh; holding the whole block in float32 meanwhile would only add to the peak.
        block.Release();
        var written = new List<LayerStatistics>();
        try
        {
            var reports = new List<(LayerReport Report, bool[]? RemovedGroups)>();
            for (var i = 0; i < layers.Count; i++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var linear = linears[i];
                LayerStatistics? Statistics()
                {
                    if (!statisticsRead)
                    {
                        (statistics, statisticsHit) = this.Statistics(block, activations, statisticsKey, Needs(block, layers, methods), null);
                        statisticsRead = true;
                    }

                    return statistics.GetValueOrDefault(linear.Spec.InputKey);
                }

                var (report, removedGroups) = PruneLayer(linear, layers[i], methods[layers[i].Name], layerKeys[i], Statistics, meter);
                reports.Add((report, removedGroups));
                context.Progress?.Report(RunProgress.Layer(i + 1, layers.Count, layers[i].Name));
                if (statistics.Remove(linear.Spec.InputKey, out var stats) && linears.Skip(i + 1).Any(l => l.Spec.InputKey == linear.Spec.InputKey))
                {
                    statistics[linear.Spec.InputKey] = stats;
                }
                else if (stats is not null)
                {
                    // The last layer reading this input is done: a later solve need not share memory with its statistics,
                    // unless the cache entry is still being written from them.
                    if (_statisticsWrite is { IsCompleted: false })
                    {
                        written.Add(stats);
                    }
                    else
                    {
                        stats.Dispose();
                    }
                }
            }

            var (removal, finalReports) = StructuredFollowUp.Apply(block, BlockShapes.Read(config)[block.Index], config.HeadDim, reports);
            _statisticsWrite?.GetAwaiter().GetResult();
            return new BlockPruneResult(layerKeys, finalReports, statisticsHit, statisticsKey) { Removal = removal };
        }
        finally
        {
            AwaitStatisticsWrite();
            foreach (var s in statistics.Values.Concat(written))
            {
                s.Dispose();
            }
        }
    }

    /// <summary>Waits for the statistics entry being written, if any; a failure was or will be reported where it is awaited on the success path.</summary>
    private void AwaitStatisticsWrite()
    {
        try
        {
            _statisticsWrite?.Wait();
        }
        catch (AggregateException)
        {
            // Thrown on the success path (GetResult above); on a failure path the first exception is the one to report.
        }

        _statisticsWrite = null;
    }

    private static Dictionary<string, PruningMethod> Methods(IReadOnlyList<ResolvedLayer> layers) =>
        layers.ToDictionary(l => l.Name, l => MethodRegistry.Get(l.Method!), StringComparer.Ordinal);

    private static LinearLayer Linear(TransformerBlock block, ResolvedLayer layer) => block.Linears.First(l => l.Spec.Name == layer.Name);

    /// <summary>Per input of the block that a planned method reads statistics of, the highest need.</summary>
    private static Dictionary<string, StatisticsNeed> Needs(TransformerBlock block, IReadOnlyList<ResolvedLayer> layers, Dictionary<string, PruningMethod> methods) =>
        layers
            .GroupBy(l => Linear(block, l).Spec.InputKey)
            .Select(g => (Key: g.Key, Need: g.Max(l => methods[l.Name].Needs)))
            .Where(x => x.Need != StatisticsNeed.None)
            .ToDictionary(x => x.Key, x => x.Need);

    /// <summary>The block's statistics key (null when nothing needs statistics or there is no calibration data) and its layers' result keys.</summary>
    private (CacheKey? Statistics, IReadOnlyList<CacheKey> Layers) Keys(
        TransformerBlock block, IReadOnlyList<ResolvedLayer> layers, Dictionary<string, PruningMethod> methods, CacheKey inputKey, bool calibrated)
    {
        var needs = Needs(block, layers, methods);
        var statisticsKey = needs.Count == 0 || !calibrated ? null : context.Keys.Statistics(inputKey, block.Index, needs.Values.Max());
        return (statisticsKey, layers.Select(l => LayerKey(l, methods[l.Name], Linear(block, l), statisticsKey)).ToList());
    }

    private (Dictionary<string, LayerStatistics> Statistics, bool Hit) Statistics(
        TransformerBlock block, Func<Tensor>? activations, CacheKey? key, Dictionary<string, StatisticsNeed> needs, List<Tensor>? denseOutputs)
    {
        using var interval = context.Ledger.Time(Stage.Calibrate);
        if (key is null || activations is null)
        {
            if (denseOutputs is not null && activations is not null)
            {
                RunDense(block, activations(), denseOutputs);
            }

            return ([], false);
        }

        var cached = StatisticsStore.TryRead(context.Cache, key);
        if (cached is not null)
        {
            if (denseOutputs is not null)
            {
                RunDense(block, activations(), denseOutputs);
            }

            return (cached, true);
        }

        // Every input of the block at the highest need, so one entry serves any later change of which layers are pruned.
        var hidden = activations();
        var fullNeeds = block.Linears.Select(l => l.Spec.InputKey).Distinct().ToDictionary(k => k, _ => needs.Values.Max());
        var collected = BlockCalibrator.Collect(block, hidden, fullNeeds, context.BatchSize, denseOutputs, context.Cancellation);
        FiniteResults.RequireStatistics(block.Index, collected);
        var rows = hidden.shape[0] * hidden.shape[1];
        context.Ledger.Count(Stage.Calibrate, Forward(block, hidden) + fullNeeds.Sum(n => OperationCounts.Statistics(n.Value, rows, InFeatures(block, n.Key))));
        // Writing a block's statistics (354 MB for TinyLlama) took a second; the solves need not wait for it.
        // The task gets its own copy of the dictionary: the solves remove entries from this one as they finish with them.
        var entries = new Dictionary<string, LayerStatistics>(collected, StringComparer.Ordinal);
        _statisticsWrite = context.Cache is null ? null : Task.Run(() => StatisticsStore.Write(context.Cache, key, $"statistics of block {block.Index}", entries));
        return (collected, false);
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

    /// <summary>Parameters the layer keeps: its nonzero weights, or for a factored result its low-rank factors plus the sparse part's nonzeros.</summary>
    private static long StoredParameters(PrunedLayer result, long nonzeroWeights) =>
        result.LowRankU is { } u && result.LowRankV is { } v && result.Sparse is { } sparse
            ? u.numel() + v.numel() + Float32Scan.CountNonzero(sparse)
            : nonzeroWeights;

    /// <summary>The method's result, checked finite; a numerical failure becomes PRN103 naming the layer.</summary>
    private static PrunedLayer Run(PruningMethod method, string layer, LayerPruneRequest request)
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

    private CacheKey LayerKey(ResolvedLayer layer, PruningMethod method, LinearLayer linear, CacheKey? statisticsKey)
    {
        var (options, geometry) = Settings(layer, linear);
        return context.Keys.Layer(layer.Name, method, targets[layer.Name], options, geometry, method.Needs == StatisticsNeed.None ? null : statisticsKey);
    }

    /// <summary>The layer's options, read by its method's declaration, and what the model adds to them.</summary>
    private (MethodOptions Options, LayerGeometry Geometry) Settings(ResolvedLayer layer, LinearLayer linear)
    {
        var options = MethodOptions.For(layer.Method!, layer.Options);
        return (options, LayerGeometry.For(options, config, linear.Spec));
    }

    /// <param name="statistics">Gives the statistics of the layer's input; asked only when the result is not cached.</param>
    private (LayerReport Report, bool[]? RemovedGroups) PruneLayer(
        LinearLayer linear, ResolvedLayer layer, PruningMethod method, CacheKey key, Func<LayerStatistics?> statistics, ReconstructionMeter meter)
    {
        using var interval = context.Ledger.Time(Stage.Prune);
        var clock = Stopwatch.StartNew();
        var cached = LayerResultStore.TryOpen(context.Cache, key);
        if (cached is { Details.Nonzero: { } stored, IsFactored: false } && spill is not null && factors is null)
        {
            // Served from the cache: the weight stays in the entry's file until a pass reads it.
            spill.Adopt(linear, cached.Tensors, LayerResultStore.WeightName);
            return Finish(linear, layer, method, meter, clock, cached.Details.Warnings, stored, stored, hit: true, cached.Details.RemovedGroups);
        }

        PrunedLayer result;
        long? nonzero = cached?.Details.Nonzero;
        try
        {
            if (cached is null)
            {
                (result, nonzero) = Solve(linear, layer, method, key, statistics, clock);
            }
            else
            {
                result = cached.Load();
            }
        }
        catch
        {
            cached?.Tensors.Dispose();
            throw;
        }

        using (result)
        {
            try
            {
                linear.ReplaceWeight(result.Weight);
            }
            catch
            {
                cached?.Tensors.Dispose();
                throw;
            }

            if (cached is not null && spill is not null)
            {
                spill.Adopt(linear, cached.Tensors, LayerResultStore.WeightName);
            }
            else
            {
                cached?.Tensors.Dispose();
                spill?.Spill(linear);
            }

            factors?.Keep(layer.Name, result);
            var kept = nonzero ?? Float32Scan.CountNonzero(result.Weight);
            return Finish(linear, layer, method, meter, clock, result.Warnings, kept, StoredParameters(result, kept), cached is not null, result.RemovedGroups);
        }
    }

    /// <summary>Runs the method on the layer's dense weight and stores the result in the cache; also returns the result's nonzero weights.</summary>
    private (PrunedLayer Result, long Nonzero) Solve(LinearLayer linear, ResolvedLayer layer, PruningMethod method, CacheKey key, Func<LayerStatistics?> statistics, Stopwatch clock)
    {
        var target = targets[layer.Name];
        var stats = method.Needs == StatisticsNeed.None ? null : statistics();
        var (options, geometry) = Settings(layer, linear);
        using var dense = linear.ReadWeight();
        var request = new LayerPruneRequest(dense, stats, target, options) { Geometry = geometry, Cancellation = context.Cancellation };
        var result = Run(method, layer.Name, request);
        context.Ledger.Count(Stage.Prune, OperationCounts.Solve(method.Name, linear.Spec.OutFeatures, linear.Spec.InFeatures, (target as PruneTarget.Pattern)?.Ratio));
        var nonzero = Float32Scan.CountNonzero(result.Weight);
        LayerResultStore.Write(context.Cache, key, $"{layer.Name} ({method.Name} {target})", result, nonzero, clock.Elapsed.TotalSeconds);
        return (result, nonzero);
    }

    /// <summary>Starts measuring the layer's reconstruction error, logs the result's warnings and reports it.</summary>
    private (LayerReport Report, bool[]? RemovedGroups) Finish(
        LinearLayer linear, ResolvedLayer layer, PruningMethod method, ReconstructionMeter meter, Stopwatch clock,
        IReadOnlyList<string> warnings, long nonzero, long storedParameters, bool hit, bool[]? removedGroups)
    {
        var target = targets[layer.Name];
        meter.Track(layer.Name);
        foreach (var warning in warnings)
        {
            context.Log.Warning("{Layer}: {Warning}", layer.Name, warning);
        }

        var count = linear.Spec.OutFeatures * linear.Spec.InFeatures;
        var report = new LayerReport
        {
            Name = layer.Name,
            Block = linear.Spec.Block,
            Method = method.Name,
            Target = $"{target.Key} {ReportText.Target(target)}",
            Shape = [linear.Spec.OutFeatures, linear.Spec.InFeatures],
            AchievedSparsity = (double)(count - nonzero) / count,
            ParametersBefore = count,
            ParametersAfter = storedParameters,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Cache = hit ? "hit" : "miss",
            Warnings = warnings,
        };
        return (report, removedGroups);
    }
}

/// <summary>
/// What pruning one block produced: its layers' cache keys and report rows, where its statistics came from, and what
/// structured pruning removed from it (null when no structured method ran in the block).
/// </summary>
public sealed record BlockPruneResult(IReadOnlyList<CacheKey> LayerKeys, IReadOnlyList<LayerReport> Layers, bool StatisticsHit, CacheKey? StatisticsKey)
{
    public BlockRemoval? Removal { get; init; }
}
