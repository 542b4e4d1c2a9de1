using System.Globalization;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The upper Cholesky factor U of H⁻¹ (H⁻¹ = UᵀU) that SparseGPT works with, for H = (2/n_seq)·G with dead inputs
/// given H_jj = 1 and the diagonal damped by damping · mean(diag H). Computed in float32 as the reference does:
/// L = chol(H), H⁻¹ = cholesky_inverse(L), U = chol(H⁻¹, upper).
/// </summary>
internal sealed class InverseHessian : IDisposable
{
    private InverseHessian(torch.Tensor upper, torch.Tensor dead, double damping, string? warning)
    {
        Upper = upper;
        Dead = dead;
        Damping = damping;
        Warning = warning;
    }

    /// <summary>U, float32 [d_in, d_in], upper triangular.</summary>
    public torch.Tensor Upper { get; }

    /// <summary>Inputs with G_jj = 0, bool [d_in].</summary>
    public torch.Tensor Dead { get; }

    /// <summary>The relative damping actually used (raised from the requested one when a factorization failed).</summary>
    public double Damping { get; }

    public string? Warning { get; }

    public static InverseHessian Factor(LayerStatistics statistics, double damping)
    {
        var gram = statistics.RequireGram(SparseGpt.MethodName);
        using var scope = torch.NewDisposeScope();
        var dead = MethodInputs.DeadInputs(gram.diagonal());
        var hessian = gram.to_type(torch.float64).mul(2.0 / statistics.Sequences);
        hessian.diagonal().masked_fill_(dead, 1.0);
        hessian = hessian.to_type(torch.float32);
        var meanDiagonal = hessian.diagonal().mean();

        var used = damping;
        for (var raise = 0; raise <= SparseGptSettings.DampingRaises; raise++, used *= 10)
        {
            if (TryFactor(hessian, meanDiagonal.mul(used)) is { } upper)
            {
                var warning = raise == 0 ? null : string.Format(
                    CultureInfo.InvariantCulture,
                    "SparseGPT: the Cholesky factorization failed with damping {0}·mean(diag H); used damping {1}·mean(diag H).",
                    damping,
                    used);
                return new InverseHessian(upper.MoveToOuterDisposeScope(), dead.MoveToOuterDisposeScope(), used, warning);
            }
        }

        throw new NumericalFailureException(string.Create(
            CultureInfo.InvariantCulture,
            $"SparseGPT: the Hessian could not be factorized even with damping {used / 10}·mean(diag H); the layer's statistics may hold non-finite values."));
    }

    public void Dispose()
    {
        Upper.Dispose();
        Dead.Dispose();
    }

    private static torch.Tensor? TryFactor(torch.Tensor hessian, torch.Tensor damp)
    {
        var damped = hessian.clone();
        damped.diagonal().add_(damp);
        var (lower, info) = torch.linalg.cholesky_ex(damped);
        if (info.item<int>() != 0)
        {
            return null;
        }

        var (inverseLower, inverseInfo) = torch.linalg.cholesky_ex(lower.cholesky_inverse());
        return inverseInfo.item<int>() != 0 || !inverseLower.isfinite().all().item<bool>() ? null : inverseLower.T.contiguous();
    }
}
