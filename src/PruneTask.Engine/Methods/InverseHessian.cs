using System.Globalization;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The upper Cholesky factor U of H⁻¹ (H⁻¹ = UᵀU) that SparseGPT works with, for H = (2/n_seq)·G with dead inputs
/// given H_jj = 1 and the diagonal damped by damping · mean(diag H). Computed in float32 as the reference does, but
/// by one factorization instead of three: with J the reversal permutation, J·H·J = L̃L̃ᵀ gives H = RRᵀ for the upper
/// triangular R = J·L̃·J, so H⁻¹ = R⁻ᵀR⁻¹ and U = R⁻¹ (the factor with a positive diagonal is unique). That costs
/// d³/3 for the Cholesky and 2d³/3 at matrix-product speed for the triangular inverse, where the reference's chol(H),
/// cholesky_inverse and chol(H⁻¹) cost 4d³/3 at LAPACK's lower rates; U is also closer to the float64 result.
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
        using var scale = (2.0 / statistics.Sequences).ToScalar();
        var hessian = gram.to_type(torch.float32, copy: true).mul_(scale);
        hessian.diagonal().masked_fill_(dead, RootedScalars.One);
        var meanDiagonal = hessian.diagonal().mean();

        var used = damping;
        for (var raise = 0; raise <= SparseGptSettings.DampingRaises; raise++, used *= 10)
        {
            using var relative = used.ToScalar();
            if (TryFactor(hessian, meanDiagonal.mul(relative)) is { } upper)
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

    /// <summary>Triangular blocks this small are inverted by one solve against the identity.</summary>
    private const long DirectInverseSize = 128;

    private static torch.Tensor? TryFactor(torch.Tensor hessian, torch.Tensor damp)
    {
        var damped = hessian.flip(0, 1);
        damped.diagonal().add_(damp);
        var (reversedLower, info) = torch.linalg.cholesky_ex(damped);
        if (info.item<int>() != 0)
        {
            return null;
        }

        var upper = InvertUpper(reversedLower.flip(0, 1));
        return Models.Float32Scan.AllFinite(upper) ? upper : null;
    }

    /// <summary>
    /// R⁻¹ of an upper triangular R = [[A, B], [0, C]] as [[A⁻¹, X], [0, C⁻¹]] with X = −(A⁻¹·B)·C⁻¹: two matrix products
    /// per level, 2d³/3 operations in all at matrix-product speed, where one triangular solve against the identity
    /// takes d³ at a lower rate. Every level writes into its block of one row-major result, so nothing is copied.
    /// </summary>
    internal static torch.Tensor InvertUpper(torch.Tensor upper)
    {
        var inverse = torch.zeros(upper.shape, dtype: upper.dtype, device: upper.device);
        using var rows = upper.contiguous();
        InvertInto(rows, inverse);
        return inverse;
    }

    private static void InvertInto(torch.Tensor upper, torch.Tensor inverse)
    {
        using var scope = torch.NewDisposeScope();
        var size = upper.shape[0];
        if (size <= DirectInverseSize)
        {
            inverse.copy_(torch.linalg.solve_triangular(upper, torch.eye(size, dtype: upper.dtype, device: upper.device), upper: true));
            return;
        }

        var half = size / 2;
        var rest = size - half;
        var topLeft = inverse.narrow(0, 0, half).narrow(1, 0, half);
        var bottomRight = inverse.narrow(0, half, rest).narrow(1, half, rest);
        InvertInto(upper.narrow(0, 0, half).narrow(1, 0, half), topLeft);
        InvertInto(upper.narrow(0, half, rest).narrow(1, half, rest), bottomRight);
        var product = topLeft.matmul(upper.narrow(0, 0, half).narrow(1, half, rest));
        inverse.narrow(0, 0, half).narrow(1, half, rest).addmm_(product, bottomRight, beta: 0, alpha: -1);
    }
}

/// <summary>A method cannot compute a layer's result, e.g. a Hessian that stays singular after raising the damping.</summary>
public sealed class NumericalFailureException(string message) : Exception(message);
