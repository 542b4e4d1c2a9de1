using PruneTask.Engine.Methods;
using static TorchSharp.torch;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// Refuses NaN and Inf in what a run computes (calibration statistics, a method's result) before it is used or
/// cached, naming the block or layer: a non-finite value must never reach the cache, a report or an output.
/// </summary>
internal static class FiniteResults
{
    public static void RequireStatistics(int block, IReadOnlyDictionary<string, LayerStatistics> statistics)
    {
        foreach (var (input, s) in statistics.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!Models.Float32Scan.AllFinite(s.SquaredNorms) || (s.Gram is { } gram && !Models.Float32Scan.AllFinite(gram)))
            {
                throw new PruneRunException(
                    RunErrorCodes.NumericalFailure,
                    $"Block {block}: the calibration statistics of {input} hold NaN or Inf values (the activations overflow); nothing was cached.");
            }
        }
    }

    public static void RequireResult(string layer, string method, PrunedLayer result)
    {
        Tensor?[] parts = [result.Weight, result.LowRankU, result.LowRankV, result.Sparse];
        if (parts.Any(p => p is not null && !Models.Float32Scan.AllFinite(p)) || result.Loss is { } loss && !double.IsFinite(loss))
        {
            throw new PruneRunException(RunErrorCodes.NumericalFailure, $"{layer}: {method} produced NaN or Inf values; nothing was cached.");
        }
    }
}
