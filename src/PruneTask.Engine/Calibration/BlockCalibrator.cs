using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using static TorchSharp.torch;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Runs one block over the calibration activations and gathers, for every input the planned methods read,
/// the statistics they need. Linears that share an input (q/k/v; gate/up) share one statistic.
/// </summary>
public static class BlockCalibrator
{
    /// <param name="needs">Per input key (<see cref="LinearSpec.InputKey"/>), the most any method reading it needs.</param>
    /// <param name="outputs">When given, receives the block's output for every batch, so the pass doubles as propagation.</param>
    public static Dictionary<string, LayerStatistics> Collect(
        TransformerBlock block, Tensor inputs, IReadOnlyDictionary<string, StatisticsNeed> needs, int batchSize, List<Tensor>? outputs = null, CancellationToken cancellation = default)
    {
        var accumulators = block.Linears
            .Where(l => needs.ContainsKey(l.Spec.InputKey))
            .GroupBy(l => l.Spec.InputKey)
            .ToDictionary(g => g.Key, g => new InputStatisticsAccumulator(g.First().Spec.InFeatures, needs[g.Key]));
        void Observe(LinearLayer linear, Tensor input)
        {
            // Linears sharing an input see the same tensor; only the one that names the key records it.
            if (linear.Spec.Name == linear.Spec.InputKey && accumulators.TryGetValue(linear.Spec.InputKey, out var accumulator))
            {
                accumulator.Add(input);
            }
        }

        foreach (var linear in block.Linears)
        {
            linear.InputObserver += Observe;
        }

        try
        {
            BlockRunner.Run(block, inputs, batchSize, outputs, cancellation);
        }
        finally
        {
            foreach (var linear in block.Linears)
            {
                linear.InputObserver -= Observe;
            }
        }

        return accumulators.ToDictionary(a => a.Key, a => a.Value.ToStatistics());
    }
}
