using PruneTask.Engine.Allocation;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;
using Serilog;
using static TorchSharp.torch;
using PruneTask.Engine.Caching;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The allocate stage: gives every pruned layer its target. Uniform groups keep the recipe's target; OWL groups
/// get one target of the same kind per block from the layerwise outlier distribution of a dense pass (docs/methods.md §3), whose
/// statistics are cached like any others.
/// </summary>
public sealed class TargetAllocator(StageContext context)
{
    public AllocationResult Allocate(PrunePlan plan, PrunableModel model, Tensor? tokens)
    {
        var targets = new Dictionary<string, PruneTarget>(StringComparer.Ordinal);
        var outlierRatios = new Dictionary<int, double>();
        foreach (var layer in plan.Pruned.Where(l => l.Allocation?.Settings.Strategy != AllocationStrategy.Owl))
        {
            targets[layer.Name] = layer.Target!;
        }

        var owlGroups = plan.Pruned.Where(l => l.Allocation?.Settings.Strategy == AllocationStrategy.Owl).GroupBy(l => l.Allocation!.Group).ToList();
        if (owlGroups.Count > 0)
        {
            var tokensForOwl = tokens ?? throw new InvalidOperationException("OWL allocation needs calibration data (a dense pass measures outliers).");
            var statistics = DenseStatistics(model, tokensForOwl);
            foreach (var group in owlGroups)
            {
                AllocateOwlGroup(group.ToList(), model, statistics, targets, outlierRatios);
            }

            foreach (var s in statistics.Values.SelectMany(b => b.Values))
            {
                s.Dispose();
            }
        }

        return new AllocationResult(targets, outlierRatios);
    }

    private static void AllocateOwlGroup(
        List<ResolvedLayer> layers, PrunableModel model, Dictionary<int, Dictionary<string, LayerStatistics>> statistics,
        Dictionary<string, PruneTarget> targets, Dictionary<int, double> outlierRatios)
    {
        var settings = layers[0].Allocation!.Settings;
        var blocks = layers.Select(l => l.Layer.BlockIndex).Distinct().Order().ToArray();
        var ratios = blocks.Select(b => BlockOutlierRatio(layers.Where(l => l.Layer.BlockIndex == b), model, statistics[b], settings.OutlierThreshold)).ToArray();
        for (var i = 0; i < blocks.Length; i++)
        {
            outlierRatios[blocks[i]] = ratios[i];
        }

        var target = layers[0].Target!;
        var perBlock = target is PruneTarget.Pattern pattern
            ? OwlAllocation.Patterns(ratios, pattern.Ratio, settings.Lambda).Select(p => (PruneTarget)new PruneTarget.Pattern(p)).ToArray()
            : OwlAllocation.Sparsities(ratios, target.Fraction, settings.Lambda, new SparsityBounds(settings.Min, settings.Max))
                .Select(fraction => PruneTarget.OfFraction(target.Kind, fraction)).ToArray();
        foreach (var layer in layers)
        {
            targets[layer.Name] = perBlock[Array.IndexOf(blocks, layer.Layer.BlockIndex)];
        }
    }

    private static double BlockOutlierRatio(IEnumerable<ResolvedLayer> layers, PrunableModel model, Dictionary<string, LayerStatistics> statistics, double m)
    {
        using var scope = NewDisposeScope();
        var linears = layers.Select(l => model.Linear(l.Name)).Select(linear =>
        {
            var s = statistics[linear.Spec.InputKey];
            return new OwlLinear(linear.ReadWeight(), s.SquaredNorms, s.Sequences);
        }).ToList();
        return OwlAllocation.OutlierRatio(linears, m);
    }

    /// <summary>Per block, the diagonal statistics of every input on the dense model (cached per block).</summary>
    private Dictionary<int, Dictionary<string, LayerStatistics>> DenseStatistics(PrunableModel model, Tensor tokens)
    {
        var needs = model.Linears.Select(l => l.Spec.InputKey).Distinct().ToDictionary(k => k, _ => StatisticsNeed.Diagonal);
        var result = new Dictionary<int, Dictionary<string, LayerStatistics>>();
        var inputKey = context.Keys.FirstInput();
        Tensor? hidden = null;
        foreach (var block in model.Blocks)
        {
            var key = context.Keys.Statistics(inputKey, block.Index, StatisticsNeed.Diagonal);
            var cached = StatisticsStore.TryRead(context.Cache, key);
            if (cached is not null && hidden is null)
            {
                result[block.Index] = cached;
            }
            else
            {
                cached?.Values.ToList().ForEach(s => s.Dispose());
                hidden ??= Propagate(model, tokens, block.Index);
                var outputs = new List<Tensor>();
                result[block.Index] = BlockCalibrator.Collect(block, hidden, needs, context.BatchSize, outputs, context.Cancellation);
                context.Ledger.Count(Stage.Allocate, Forward(model, block, hidden) + block.Linears.Select(l => l.Spec).DistinctBy(l => l.InputKey).Sum(
                    l => OperationCounts.Statistics(StatisticsNeed.Diagonal, hidden.shape[0] * hidden.shape[1], l.InFeatures)));
                StatisticsStore.Write(context.Cache, key, $"dense statistics of block {block.Index}", result[block.Index]);
                hidden.Dispose();
                hidden = BlockRunner.Concatenate(outputs);
                block.Release();
            }

            inputKey = context.Keys.NextInput(inputKey, block.Index, []);
        }

        hidden?.Dispose();
        context.Log.Information("allocate: dense outlier pass over {Blocks} blocks", model.Blocks.Count);
        return result;
    }

    private static double Forward(PrunableModel model, TransformerBlock block, Tensor hidden) =>
        OperationCounts.BlockForward(block.Linears.Select(l => l.Spec), hidden.shape[0], hidden.shape[1], (long)model.Config.NumHeads * model.Config.HeadDim);

    /// <summary>The dense input of block <paramref name="index"/>: embeddings, then every earlier block.</summary>
    private Tensor Propagate(PrunableModel model, Tensor tokens, int index)
    {
        var hidden = model.Embed(tokens).DetachFromDisposeScope();
        for (var b = 0; b < index; b++)
        {
            context.Ledger.Count(Stage.Allocate, Forward(model, model.Blocks[b], hidden));
            var next = BlockRunner.Propagate(model.Blocks[b], hidden, context.BatchSize, context.Cancellation);
            hidden.Dispose();
            hidden = next;
            model.Blocks[b].Release();
        }

        return hidden;
    }
}

/// <summary>Per-layer targets and, for OWL groups, each block's outlier ratio (percent).</summary>
public sealed record AllocationResult(IReadOnlyDictionary<string, PruneTarget> Targets, IReadOnlyDictionary<int, double> OutlierRatios);
