using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// A support during OSSCAR's search: the removed groups, P = Ĥ_SS⁻¹ embedded in [in, in], and B = P·C, kept exact
/// under removals by low-rank downdates (docs/methods.md §5, "Closed forms").
/// </summary>
internal sealed class OsscarState : IDisposable
{
    private readonly OsscarProblem _problem;

    private OsscarState(OsscarProblem problem, bool[] removed, torch.Tensor inverse, torch.Tensor weights)
    {
        _problem = problem;
        Removed = removed;
        Inverse = inverse;
        Weights = weights;
    }

    public bool[] Removed { get; }

    /// <summary>P [in, in].</summary>
    public torch.Tensor Inverse { get; }

    /// <summary>B [in, out].</summary>
    public torch.Tensor Weights { get; }

    public int KeptCount => Removed.Count(r => !r);

    /// <summary>The state on the support that excludes <paramref name="removed"/>, with P and B computed afresh.</summary>
    public static OsscarState Fit(OsscarProblem problem, bool[] removed)
    {
        using var scope = torch.NewDisposeScope();
        var inverse = problem.InverseOn(removed);
        var weights = inverse.matmul(problem.Target);
        return new OsscarState(problem, (bool[])removed.Clone(), inverse.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    /// <summary>Δ_g = ½·tr(B_gᵀ·P_gg⁻¹·B_g): the rise of f when group g is removed and the rest refitted; +∞ for removed groups.</summary>
    public double[] RemovalCosts()
    {
        using var scope = torch.NewDisposeScope();
        var groups = _problem.Groups;
        var removed = RemovedMask();
        var costs = QuadraticForms(WithIdentity(groups.DiagonalBlocks(Inverse), removed), groups.RowBlocks(Weights)).mul_(RootedScalars.Half);
        return costs.masked_fill(removed, RootedScalars.PositiveInfinity).data<double>().ToArray();
    }

    /// <summary>
    /// gain_j = ½·tr(r_jᵀ·M_j⁻¹·r_j), with the Schur complement M = Ĥ_jj − Ĥ_Sjᵀ·P·Ĥ_Sj and r_j = C_j − Ĥ_Sjᵀ·P·C:
    /// the fall of f when removed group j is added back; −∞ for kept groups.
    /// </summary>
    public double[] AdditionGains()
    {
        using var scope = torch.NewDisposeScope();
        var groups = _problem.Groups;
        var hessian = _problem.Hessian;
        var kept = RemovedMask().logical_not();
        var features = hessian.shape[0];
        var projected = Inverse.matmul(hessian);
        var schur = groups.DiagonalBlocks(hessian) - torch.einsum(
            "agi,agj->gij",
            hessian.reshape(features, groups.Count, groups.Size),
            projected.reshape(features, groups.Count, groups.Size));
        var residual = groups.RowBlocks(_problem.Target - hessian.matmul(Inverse.matmul(_problem.Target)));
        var gains = QuadraticForms(WithIdentity(schur, kept), residual).mul_(RootedScalars.Half);
        return gains.masked_fill(kept, RootedScalars.NegativeInfinity).data<double>().ToArray();
    }

    /// <summary>Removes the groups jointly: B ← B − P_:I·P_II⁻¹·B_I, P ← P − P_:I·P_II⁻¹·P_I:, then zero the rows (and columns) I.</summary>
    public void Remove(IReadOnlyCollection<int> groupIndices)
    {
        using var scope = torch.NewDisposeScope();
        var columns = _problem.Groups.Columns(groupIndices, Inverse.device);
        var across = Inverse.index_select(1, columns);
        var within = across.index_select(0, columns);
        Weights.addmm_(across, torch.linalg.solve(within, Weights.index_select(0, columns)), beta: 1, alpha: -1);
        Inverse.addmm_(across, torch.linalg.solve(within, across.T), beta: 1, alpha: -1);
        Inverse.index_fill_(0, columns, RootedScalars.Zero).index_fill_(1, columns, RootedScalars.Zero);
        Weights.index_fill_(0, columns, RootedScalars.Zero);
        foreach (var g in groupIndices)
        {
            Removed[g] = true;
        }
    }

    public void Dispose()
    {
        Inverse.Dispose();
        Weights.Dispose();
    }

    private torch.Tensor RemovedMask() => torch.tensor(Removed, device: Inverse.device);

    /// <summary>tr(R_gᵀ·A_g⁻¹·R_g) for blocks A [G, k, k] and R [G, k, cols]; single-column groups skip the batched solve (and the large temporary it needs).</summary>
    private static torch.Tensor QuadraticForms(torch.Tensor blocks, torch.Tensor rhs)
    {
        if (blocks.shape[1] > 1)
        {
            return (rhs * torch.linalg.solve(blocks, rhs)).sum([1, 2]);
        }

        var norms = rhs.flatten(1).norm(1);
        return norms.mul_(norms).div_(blocks.flatten());
    }

    private static torch.Tensor WithIdentity(torch.Tensor blocks, torch.Tensor mask)
    {
        var size = blocks.shape[1];
        var identity = torch.eye(size, dtype: blocks.dtype, device: blocks.device).expand(blocks.shape);
        return torch.where(mask.reshape(-1, 1, 1), identity, blocks);
    }
}
