using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR (Meng et al., ICML 2024): structured pruning of a consumer layer's input groups (neurons or heads) by
/// combinatorial search on the layer-wise reconstruction objective, followed by an exact least-squares refit of the
/// surviving columns (docs/methods.md §5). Runs in float64 and needs the full Gram XᵀX.
/// </summary>
public static class Osscar
{
    /// <param name="weight">The consumer's W [out, in].</param>
    /// <param name="gram">XᵀX [in, in] over the calibration tokens (any positive scale).</param>
    /// <returns>
    /// Weight = B_finalᵀ in float32 (removed groups' columns exactly zero), RemovedGroups, and Loss = f(B_final).
    /// </returns>
    public static PrunedLayer Prune(torch.Tensor weight, torch.Tensor gram, OsscarOptions options)
    {
        options.Validate();
        if (weight.dim() != 2 || gram.dim() != 2 || gram.shape[0] != weight.shape[1] || gram.shape[1] != weight.shape[1])
        {
            throw new ArgumentException(
                $"OSSCAR needs W [out, in] and XᵀX [in, in]; got [{string.Join(", ", weight.shape)}] and [{string.Join(", ", gram.shape)}].");
        }

        var groups = InputGroups.Of(weight.shape[1], options.GroupSize);
        using var scope = torch.NewDisposeScope();
        using var problem = OsscarProblem.Create(weight, gram, groups, options.Damping);
        var removed = OsscarGreedy.Run(problem, groups.KeptFor(options.Keep), options.UpdateIter);
        if (options.LocalSearch)
        {
            removed = OsscarLocalSearch.Run(problem, removed, options.SwapCount, options.MaxIter).Removed;
        }

        var final = problem.Refit(removed);
        return new PrunedLayer(final.T.to(torch.float32).contiguous().MoveToOuterDisposeScope())
        {
            RemovedGroups = removed,
            Loss = problem.Objective(final),
        };
    }
}
