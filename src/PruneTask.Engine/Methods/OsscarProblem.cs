using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR's ridge-damped reconstruction problem for one consumer layer, in float64 (docs/methods.md §5):
/// B₀ = Wᵀ with dead input rows zeroed, Ĥ = G + λ₂·mean(diag G)·I, C = Ĥ·B₀, f(B) = ½·tr(BᵀĤB) − tr(BᵀC).
/// </summary>
internal sealed class OsscarProblem : IDisposable
{
    private OsscarProblem(torch.Tensor hessian, torch.Tensor target, torch.Tensor start, torch.Tensor deadFeatures, InputGroups groups)
    {
        Hessian = hessian;
        Target = target;
        Start = start;
        DeadFeatures = deadFeatures;
        Groups = groups;
    }

    /// <summary>Ĥ [in, in].</summary>
    public torch.Tensor Hessian { get; }

    /// <summary>C = Ĥ·B₀ [in, out].</summary>
    public torch.Tensor Target { get; }

    /// <summary>B₀ = Wᵀ [in, out] with dead rows zeroed.</summary>
    public torch.Tensor Start { get; }

    /// <summary>Indices of inputs with G_jj = 0 (int64).</summary>
    public torch.Tensor DeadFeatures { get; }

    public InputGroups Groups { get; }

    public static OsscarProblem Create(torch.Tensor weight, torch.Tensor gram, InputGroups groups, double damping)
    {
        using var scope = torch.NewDisposeScope();
        var g = gram.to(torch.float64);
        var diagonal = g.diagonal();
        var dead = diagonal.eq(RootedScalars.Zero).nonzero().flatten();
        var start = weight.to(torch.float64).T.contiguous().index_fill_(0, dead, RootedScalars.Zero);
        using var ridge = (damping * diagonal.mean().ToDouble()).ToScalar();
        var hessian = g.clone();
        hessian.diagonal().add_(ridge, RootedScalars.One);
        var target = hessian.matmul(start);
        return new OsscarProblem(
            hessian.MoveToOuterDisposeScope(),
            target.MoveToOuterDisposeScope(),
            start.MoveToOuterDisposeScope(),
            dead.MoveToOuterDisposeScope(),
            groups);
    }

    /// <summary>Groups whose rows of B₀ are all zero (zero weights or dead inputs): removed before the search starts.</summary>
    public bool[] AlreadyRemoved()
    {
        using var scope = torch.NewDisposeScope();
        var nonzero = Groups.RowBlocks(Start).ne(RootedScalars.Zero).any(2).any(1);
        return nonzero.logical_not().data<bool>().ToArray();
    }

    public double Objective(torch.Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        return Hessian.matmul(b).mul_(RootedScalars.Half).sub_(Target).mul_(b).sum().ToDouble();
    }

    /// <summary>Ĥ_SS⁻¹ embedded in an [in, in] zero matrix, S = the columns of the groups not removed.</summary>
    public torch.Tensor InverseOn(bool[] removed)
    {
        using var scope = torch.NewDisposeScope();
        var support = Support(removed);
        var inverse = torch.zeros_like(Hessian);
        if (support.shape[0] > 0)
        {
            var block = SupportFactor(support).cholesky_inverse();
            inverse.index_put_(block, support.unsqueeze(1), support.unsqueeze(0));
        }

        return inverse.MoveToOuterDisposeScope();
    }

    /// <summary>The exact least-squares weights on the support: B_S = Ĥ_SS⁻¹·C_S, zero elsewhere and on dead inputs.</summary>
    public torch.Tensor Refit(bool[] removed)
    {
        using var scope = torch.NewDisposeScope();
        var support = Support(removed);
        var b = torch.zeros_like(Start);
        if (support.shape[0] > 0)
        {
            var solution = torch.cholesky_solve(Target.index_select(0, support), SupportFactor(support));
            b.index_copy_(0, support, solution);
        }

        return b.index_fill_(0, DeadFeatures, RootedScalars.Zero).MoveToOuterDisposeScope();
    }

    public torch.Tensor Support(bool[] removed) =>
        Groups.Columns(Enumerable.Range(0, Groups.Count).Where(g => !removed[g]), Hessian.device);

    private torch.Tensor SupportFactor(torch.Tensor support)
    {
        var (factor, info) = torch.linalg.cholesky_ex(Hessian.index_select(0, support).index_select(1, support));
        if (info.ToInt32() != 0)
        {
            throw new InvalidOperationException("OSSCAR: the damped Gram matrix on the kept support is not positive definite.");
        }

        return factor;
    }

    public void Dispose()
    {
        Hessian.Dispose();
        Target.Dispose();
        Start.Dispose();
        DeadFeatures.Dispose();
    }
}
