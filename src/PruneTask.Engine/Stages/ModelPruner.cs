using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Export;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Structured;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;
using static TorchSharp.torch;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The calibrate-and-prune loop over blocks, in model order. With <see cref="Propagation.Pruned"/> block l+1 is
/// calibrated on the output of the already pruned block l (the papers' order); with <see cref="Propagation.Dense"/>
/// on the dense model's output. Each block's weights are released once it is done. Blocks are walked by their cache
/// keys: the calibration activations are computed only up to the last block whose layer results or reconstruction
/// errors are not all cached, so a fully cached run does no forward pass.
/// </summary>
/// <param name="factors">When given (factored output), receives every factored layer result.</param>
/// <param name="spill">When given, receives every replaced weight (each layer's when it is set, later changes when the block is done), so finished results do not accumulate in memory.</param>
/// <param name="loadDense">Loads the dense model, for dense propagation's replay when a cache entry found at the start is unreadable when used.</param>
public sealed class ModelPruner(
    StageContext context, Propagation propagation, FactorStore? factors = null, SpillFolder? spill = null, Func<PrunableModel>? loadDense = null)
{
    public PruningResult Run(PrunePlan plan, PrunableModel model, Tensor? tokens, AllocationResult allocation)
    {
        var pruner = new BlockPruner(context, allocation.Targets, model.Config, factors, spill);
        var removals = new List<BlockRemoval>();
        var layers = new List<(string Name, CacheKey Key)>();
        var layerReports = new List<LayerReport>();
        var blockReports = new List<BlockReport>();
        var stageKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var planned = model.Blocks.Select(b => (IReadOnlyList<ResolvedLayer>)plan.Pruned.Where(l => l.Layer.BlockIndex == b.Index).ToList()).ToList();
        var walk = Walk(pruner, model, planned, tokens is not null);
        var clock = Stopwatch.StartNew();
        context.Progress?.Report(new RunProgress(0, model.Blocks.Count, TimeSpan.Zero));
        using var activations = tokens is null ? null : new CalibrationActivations(context, model, tokens, pruner.Forward, propagation == Propagation.Dense ? loadDense : null);
        foreach (var block in model.Blocks)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var layersOfBlock = planned[block.Index];
            var inputKey = walk.InputKeys[block.Index];
            using var meter = new ReconstructionMeter();
            var carry = block.Index < walk.LastNeedingActivations;
            var denseOutputs = propagation == Propagation.Dense && carry ? new List<Tensor>() : null;
            var result = pruner.Prune(block, layersOfBlock, activations is null ? null : () => activations.At(block.Index), inputKey, meter, denseOutputs);
            var errors = Errors(pruner, block, layersOfBlock, inputKey, result, activations, meter, denseOutputs, carry);
            block.Release();
            spill?.Spill(block);

            layers.AddRange(layersOfBlock.Select(l => l.Name).Zip(result.LayerKeys));
            layerReports.AddRange(result.Layers.Select(r => r with { RelativeReconstructionError = Round(errors?.GetValueOrDefault(r.Name)) }));
            blockReports.Add(BlockReports.For(block.Index, layersOfBlock, allocation, result));
            if (result.Removal is { IsEmpty: false } removal)
            {
                removals.Add(removal);
            }

            if (result.StatisticsKey is { } statisticsKey)
            {
                stageKeys[$"calibrate/block{block.Index}"] = statisticsKey.ToString();
            }

            foreach (var (name, key) in layersOfBlock.Select(l => l.Name).Zip(result.LayerKeys))
            {
                stageKeys[$"prune/{name}"] = key.ToString();
            }

            context.Log.Information(
                "block {Block}/{Blocks}: statistics {Statistics:l}, {Layers} layers ({Hits} from cache)",
                block.Index + 1, model.Blocks.Count, result.StatisticsKey is null ? "not needed" : result.StatisticsHit ? "from cache" : "computed",
                result.Layers.Count, result.Layers.Count(l => l.Cache == "hit"));
            context.Progress?.Report(new RunProgress(block.Index + 1, model.Blocks.Count, clock.Elapsed));
        }

        return new PruningResult(layers, layerReports, blockReports, stageKeys) { Removals = removals };
    }

    /// <summary>
    /// Every block's input key, from keys alone, and the last block that needs calibration activations: one whose layer
    /// results or reconstruction errors are not all cached (-1 when none does, or there is no calibration data).
    /// </summary>
    private (IReadOnlyList<CacheKey> InputKeys, int LastNeedingActivations) Walk(
        BlockPruner pruner, PrunableModel model, List<IReadOnlyList<ResolvedLayer>> planned, bool calibrated)
    {
        var inputKeys = new List<CacheKey>();
        var last = -1;
        var inputKey = context.Keys.FirstInput();
        foreach (var block in model.Blocks)
        {
            inputKeys.Add(inputKey);
            var layerKeys = pruner.LayerKeys(block, planned[block.Index], inputKey, calibrated);
            var cached = context.Cache is { } cache && layerKeys.All(cache.Contains)
                && (planned[block.Index].Count == 0 || cache.Contains(context.Keys.ReconstructionErrors(inputKey, block.Index, layerKeys)));
            if (calibrated && !cached)
            {
                last = block.Index;
            }

            inputKey = context.Keys.NextInput(inputKey, block.Index, propagation == Propagation.Pruned ? layerKeys : []);
        }

        return (inputKeys, last);
    }

    /// <summary>
    /// The block's reconstruction errors (from the cache, or measured by running the pruned block over its input); when
    /// <paramref name="carry"/>, also moves the activations on to the next block's input.
    /// </summary>
    private Dictionary<string, double?>? Errors(
        BlockPruner pruner, TransformerBlock block, IReadOnlyList<ResolvedLayer> planned, CacheKey inputKey, BlockPruneResult result,
        CalibrationActivations? activations, ReconstructionMeter meter, List<Tensor>? denseOutputs, bool carry)
    {
        if (activations is null)
        {
            return null;
        }

        var key = planned.Count == 0 ? null : context.Keys.ReconstructionErrors(inputKey, block.Index, result.LayerKeys);
        var errors = key is null ? null : ReconstructionErrorStore.TryRead(context.Cache, key);
        var measure = key is not null && errors is null;
        if (!measure && !carry)
        {
            return errors;
        }

        var hidden = activations.At(block.Index);
        var next = measure || denseOutputs is null
            ? Measure(block, hidden, measure ? meter : null, denseOutputs, pruner.Forward(block, hidden) + (measure ? Products(planned, hidden) : 0))
            : BlockRunner.Concatenate(denseOutputs);
        if (carry)
        {
            activations.Advance(block.Index + 1, next);
        }
        else
        {
            next.Dispose();
        }

        if (measure)
        {
            errors = planned.ToDictionary(l => l.Name, l => meter.RelativeError(l.Name), StringComparer.Ordinal);
            ReconstructionErrorStore.Write(context.Cache, key!, $"reconstruction errors of block {block.Index}", errors);
        }

        return errors;
    }

    /// <summary>Runs the pruned block (measuring each pruned linear's error when a meter is given) and returns the next block's input.</summary>
    /// <param name="flops">The counted work of the pass and the error measurement.</param>
    private Tensor Measure(TransformerBlock block, Tensor hidden, ReconstructionMeter? meter, List<Tensor>? denseOutputs, double flops)
    {
        using var interval = context.Ledger.Time(Stage.Propagate);
        context.Ledger.Count(Stage.Propagate, flops);
        using var observing = meter is null ? null : Observe(block, meter);
        var pruned = BlockRunner.Propagate(block, hidden, context.BatchSize, context.Cancellation);
        if (denseOutputs is null)
        {
            return pruned;
        }

        pruned.Dispose();
        return BlockRunner.Concatenate(denseOutputs);
    }

    private static Observation Observe(TransformerBlock block, ReconstructionMeter meter)
    {
        foreach (var linear in block.Linears)
        {
            linear.OutputObserver += meter.Observe;
        }

        return new Observation(block, meter);
    }

    /// <summary>Detaches the meter from the block's linears, and frees the weights it held for the pass, when disposed.</summary>
    private sealed class Observation(TransformerBlock block, ReconstructionMeter meter) : IDisposable
    {
        public void Dispose()
        {
            foreach (var linear in block.Linears)
            {
                linear.OutputObserver -= meter.Observe;
            }

            meter.Release();
        }
    }

    /// <summary>The reconstruction meter's one product (by the checkpoint's weight) per pruned linear.</summary>
    private static double Products(IReadOnlyList<ResolvedLayer> planned, Tensor hidden) =>
        planned.Sum(l => OperationCounts.Linear(hidden.shape[0] * hidden.shape[1], l.Layer.OutFeatures, l.Layer.InFeatures));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}

/// <summary>
/// The prune stage's results: every pruned layer's cache key (in model order), the report rows, the stage keys for the
/// lock file, and what structured pruning removed, block by block.
/// </summary>
public sealed record PruningResult(
    IReadOnlyList<(string Name, CacheKey Key)> Layers,
    IReadOnlyList<LayerReport> LayerReports,
    IReadOnlyList<BlockReport> BlockReports,
    IReadOnlyDictionary<string, string> StageKeys)
{
    public IReadOnlyList<BlockRemoval> Removals { get; init; } = [];
}
