using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The simple structured baseline (<c>method: norm</c>): remove the input groups of the consumer layer whose columns
/// have the smallest L2 (Frobenius) norm, with no refit. Only the consumer's columns are scored; the producer's rows of
/// a removed group become dead and can be dropped by the caller. Needs no calibration statistics.
/// </summary>
public static class NormPruning
{
    /// <returns>W with the removed groups' columns zeroed (float32) and RemovedGroups.</returns>
    public static PrunedLayer Prune(torch.Tensor weight, NormPruningOptions options)
    {
        if (weight.dim() != 2)
        {
            throw new ArgumentException($"Norm pruning needs W [out, in]; got [{string.Join(", ", weight.shape)}].");
        }

        var groups = InputGroups.Of(weight.shape[1], options.GroupSize);
        var removals = groups.Count - groups.KeptFor(options.Keep);
        using var scope = torch.NewDisposeScope();
        var norms = GroupNorms(weight, groups).data<double>().ToArray();
        var removed = new bool[groups.Count];
        foreach (var g in Enumerable.Range(0, groups.Count).OrderBy(g => norms[g]).Take(removals))
        {
            removed[g] = true;
        }

        var pruned = weight.to(torch.float32).clone();
        var columns = groups.Columns(Enumerable.Range(0, groups.Count).Where(g => removed[g]), weight.device);
        pruned.index_fill_(1, columns, RootedScalars.Zero);
        return new PrunedLayer(pruned.MoveToOuterDisposeScope()) { RemovedGroups = removed };
    }

    /// <summary>‖W[:, group]‖_F for every group, float64 [G].</summary>
    public static torch.Tensor GroupNorms(torch.Tensor weight, InputGroups groups)
    {
        using var scope = torch.NewDisposeScope();
        var blocks = weight.to(torch.float64).reshape(weight.shape[0], groups.Count, groups.Size);
        return blocks.mul(blocks).sum([0, 2]).sqrt_().MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Settings of the structured norm baseline: <paramref name="Keep"/> is the fraction of input groups that survive
/// (K = ⌊G·keep⌋); <paramref name="GroupSize"/> is 1 for MLP neurons and head_dim for attention heads.
/// </summary>
public sealed record NormPruningOptions(double Keep, int GroupSize = 1);
