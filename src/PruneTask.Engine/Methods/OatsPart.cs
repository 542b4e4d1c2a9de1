using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// One OATS decomposition in the unscaled (deployable) form: the block of rows it covers equals U·V + Sparse, with
/// U = U_r·diag(σ_r) [rows, r], V = V_rᵀ·D⁻¹ [r, in] and Sparse = S·D⁻¹ [rows, in]. A fused weight has one part per slice.
/// </summary>
public sealed class OatsPart : IDisposable
{
    public OatsPart(torch.Tensor u, torch.Tensor v, torch.Tensor sparse, OatsBudget budget, IReadOnlyList<double> objectives)
    {
        U = u;
        V = v;
        Sparse = sparse;
        Budget = budget;
        Objectives = objectives;
    }

    public torch.Tensor U { get; }

    public torch.Tensor V { get; }

    public torch.Tensor Sparse { get; }

    public OatsBudget Budget { get; }

    /// <summary>‖Wt − L − S‖_F in the scaled space after each iteration (non-increasing with the exact SVD).</summary>
    public IReadOnlyList<double> Objectives { get; }

    public long Rows => Sparse.shape[0];

    /// <summary>The dense weight of this part, U·V + Sparse.</summary>
    public torch.Tensor DenseWeight()
    {
        using var scope = torch.NewDisposeScope();
        return U.matmul(V).add_(Sparse, RootedScalars.One).MoveToOuterDisposeScope();
    }

    public OatsPart MoveToOuterDisposeScope()
    {
        U.MoveToOuterDisposeScope();
        V.MoveToOuterDisposeScope();
        Sparse.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        U.Dispose();
        V.Dispose();
        Sparse.Dispose();
    }
}
