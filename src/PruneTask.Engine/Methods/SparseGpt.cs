using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// SparseGPT (docs/methods.md §2): OBS pruning with weight updates, in float32 as the reference. Unstructured pruning
/// chooses its mask adaptively per block of columns (floor(s·n)+1 weights per block, none when s = 0); N:M zeroes
/// M − N of every group. The result's <see cref="PrunedLayer.Loss"/> is ½·tr(ΔW·H_damped·ΔWᵀ) with H = (2/n_seq)·G.
/// </summary>
public sealed class SparseGpt() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.SparseGpt;

    /// <summary>Takes a sparsity or a pattern, and the options <c>blocksize</c> and <c>damping</c>.</summary>
    public override PrunedLayer Prune(LayerPruneRequest request)
    {
        var settings = SparseGptSettings.From(request.Options);
        return request.Target switch
        {
            PruneTarget.Pattern pattern => Run(request.Weight, request.RequireStatistics(MethodName), null, pattern.Ratio, settings, request.Cancellation),
            PruneTarget.Sparsity sparsity => Run(request.Weight, request.RequireStatistics(MethodName), sparsity.Fraction, null, settings, request.Cancellation),
            _ => throw request.TargetNotAccepted(),
        };
    }

    public static PrunedLayer Prune(torch.Tensor weight, LayerStatistics statistics, double sparsity, SparseGptSettings? settings = null) =>
        Run(weight, statistics, sparsity, null, settings ?? SparseGptSettings.Default);

    public static PrunedLayer Prune(torch.Tensor weight, LayerStatistics statistics, NmPattern pattern, SparseGptSettings? settings = null) =>
        Run(weight, statistics, null, pattern, settings ?? SparseGptSettings.Default);

    private static PrunedLayer Run(
        torch.Tensor weight, LayerStatistics statistics, double? sparsity, NmPattern? pattern, SparseGptSettings settings, CancellationToken cancellation = default)
    {
        var (pruned, rowLosses, warning) = SparseGptSolver.Solve(weight, statistics, sparsity, pattern, settings, cancellation);
        using (rowLosses)
        {
            return new PrunedLayer(pruned)
            {
                Loss = rowLosses.sum().item<float>(),
                Warnings = warning is null ? [] : [warning],
            };
        }
    }
}
