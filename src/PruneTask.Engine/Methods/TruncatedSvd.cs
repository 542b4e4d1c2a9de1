using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>The top-r singular triplets of a matrix A ≈ U·diag(Values)·Vh (U [m, r], Values [r], Vh [r, n]).</summary>
public sealed class TruncatedSvd : IDisposable
{
    public TruncatedSvd(torch.Tensor u, torch.Tensor values, torch.Tensor vh)
    {
        U = u;
        Values = values;
        Vh = vh;
    }

    public torch.Tensor U { get; }

    public torch.Tensor Values { get; }

    public torch.Tensor Vh { get; }

    public long Rank => Values.shape[0];

    /// <summary>The best rank-r approximation from a full thin SVD (what the OATS reference computes).</summary>
    public static TruncatedSvd Exact(torch.Tensor a, int rank)
    {
        if (rank == 0)
        {
            return Zero(a);
        }

        using var scope = torch.NewDisposeScope();
        var (u, s, vh) = torch.linalg.svd(a, fullMatrices: false);
        return new TruncatedSvd(
            u.narrow(1, 0, rank).contiguous().MoveToOuterDisposeScope(),
            s.narrow(0, 0, rank).contiguous().MoveToOuterDisposeScope(),
            vh.narrow(0, 0, rank).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>The rank-0 approximation: empty factors, so that <see cref="Reconstruct"/> is the zero matrix.</summary>
    public static TruncatedSvd Zero(torch.Tensor a) => new(
        torch.zeros(a.shape[0], 0, dtype: a.dtype, device: a.device),
        torch.zeros(0, dtype: a.dtype, device: a.device),
        torch.zeros(0, a.shape[1], dtype: a.dtype, device: a.device));

    /// <summary>U·diag(Values): the left factor with the singular values folded in.</summary>
    public torch.Tensor ScaledU() => U * Values;

    /// <summary>A − U·diag(Values)·Vh in one product, without forming the approximation.</summary>
    public torch.Tensor ResidualOf(torch.Tensor a)
    {
        using var scope = torch.NewDisposeScope();
        return torch.addmm(a, ScaledU(), Vh, beta: 1, alpha: -1).MoveToOuterDisposeScope();
    }

    public torch.Tensor Reconstruct()
    {
        using var scope = torch.NewDisposeScope();
        return ScaledU().matmul(Vh).MoveToOuterDisposeScope();
    }

    public TruncatedSvd MoveToOuterDisposeScope()
    {
        U.MoveToOuterDisposeScope();
        Values.MoveToOuterDisposeScope();
        Vh.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        U.Dispose();
        Values.Dispose();
        Vh.Dispose();
    }
}
