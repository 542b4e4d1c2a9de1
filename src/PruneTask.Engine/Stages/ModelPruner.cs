using System.Diagnostics;
using PruneTask.Engine.Benchmarks;
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

namespace PruneTask.Engine.Stages;

/// <summary>
/// The calibrate-and-prune loop over blocks, in model order. With <see cref="Propagation.Pruned"/> block l+1 is
/// calibrated on the output of the already pruned block l (the papers' order); with <see cref="Propagation.Dense"/>
/// on the dense model's output. Each block's weights are released once it is done.
/// </summary>
/// <param name="factors">When given (factored output), receives every factored layer result.</param>
/// <param name="spill">When given, receives every replaced weight (each layer's when it is set, later changes when the block is done), so finished results do not accumulate in memory.</param>
public sealed class ModelPruner(StageContext context, Propagation propagation, FactorStore? factors = null, SpillFolder? spill = null)
{
    public PruningResult Run(PrunePlan plan, PrunableModel model, Tensor? tokens, AllocationResult allocation)
    {
        var pruner = new BlockPruner(context, allocation.Targets, model.Config, factors, spill);
        var removals = new List<BlockRemoval>();
        var layers = new List<(string Name, CacheKey Key)>();
        var layerReports = new List<LayerReport>();
        var blockReports = new List<BlockReport>();
        var stageKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputKey = context.Keys.FirstInput();
        var clock = Stopwatch.StartNew();
        Tensor? hidden;
        using (context.Ledger.Time(Stage.Calibrate))
        {
            hidden = tokens is null ? null : model.Embed(tokens).DetachFromDisposeScope();
        }

        context.Progress?.Report(new RunProgress(0, model.Blocks.Count, TimeSpan.Zero));
        try
        {
            foreach (var block in model.Blocks)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var planned = plan.Pruned.Where(l => l.Layer.BlockIndex == block.Index).ToList();
                var meter = new ReconstructionMeter();
                var denseOutputs = propagation == Propagation.Dense && hidden is not null ? new List<Tensor>() : null;
                var result = pruner.Prune(block, planned, hidden, inputKey, meter, denseOutputs);
                var next = hidden is null ? null : Measure(block, hidden, meter, denseOutputs, pruner.Forward(block, hidden) + Products(planned, hidden));
                hidden?.Dispose();
                hidden = next;
                block.Release();
                spill?.Spill(block);

                layers.AddRange(planned.Select(l => l.Name).Zip(result.LayerKeys));
                layerReports.AddRange(result.Layers.Select(r => r with { RelativeReconstructionError = Round(meter.RelativeError(r.Name)) }));
                blockReports.Add(BlockReports.For(block.Index, planned, allocation, result));
                if (result.Removal is { IsEmpty: false } removal)
                {
                    removals.Add(removal);
                }

                if (result.StatisticsKey is { } statisticsKey)
                {
                    stageKeys[$"calibrate/block{block.Index}"] = statisticsKey.ToString();
                }

                foreach (var (name, key) in planned.Select(l => l.Name).Zip(result.LayerKeys))
                {
                    stageKeys[$"prune/{name}"] = key.ToString();
                }

                inputKey = context.Keys.NextInput(inputKey, block.Index, propagation == Propagation.Pruned ? result.LayerKeys : []);
                context.Log.Information(
                    "block {Block}/{Blocks}: statistics {Statistics:l}, {Layers} layers ({Hits} from cache)",
                    block.Index + 1, model.Blocks.Count, result.StatisticsKey is null ? "not needed" : result.StatisticsHit ? "from cache" : "computed",
                    result.Layers.Count, result.Layers.Count(l => l.Cache == "hit"));
                context.Progress?.Report(new RunProgress(block.Index + 1, model.Blocks.Count, clock.Elapsed));
            }
        }
        finally
        {
            hidden?.Dispose();
        }

        return new PruningResult(layers, layerReports, blockReports, stageKeys) { Removals = removals };
    }

    /// <summary>Runs the pruned block (measuring each pruned linear's error) and returns the next block's input.</summary>
    /// <param name="flops">The counted work of the pass and the error measurement.</param>
    private Tensor Measure(TransformerBlock block, Tensor hidden, ReconstructionMeter meter, List<Tensor>? denseOutputs, double flops)
    {
        using var interval = context.Ledger.Time(Stage.Propagate);
        context.Ledger.Count(Stage.Propagate, flops);
        foreach (var linear in block.Linears)
        {
            linear.InputObserver += meter.Observe;
        }

        try
        {
            var pruned = BlockRunner.Propagate(block, hidden, context.BatchSize, context.Cancellation);
            if (denseOutputs is null)
            {
                return pruned;
            }

            pruned.Dispose();
            return BlockRunner.Concatenate(denseOutputs);
        }
        finally
        {
            foreach (var linear in block.Linears)
            {
                linear.InputObserver -= meter.Observe;
            }
        }
    }

    /// <summary>The reconstruction meter's two products (by the dense weight and by the difference) per pruned linear.</summary>
    private static double Products(IReadOnlyList<ResolvedLayer> planned, Tensor hidden) =>
        planned.Sum(l => 2 * OperationCounts.Linear(hidden.shape[0] * hidden.shape[1], l.Layer.OutFeatures, l.Layer.InFeatures));

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
