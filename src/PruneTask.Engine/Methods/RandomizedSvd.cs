using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// A randomized top-r SVD (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1): sketch the range of A with a
/// Gaussian test matrix of r + oversampling columns, sharpen it with power iterations (re-orthonormalised by QR each
/// half-step), then take the exact SVD of the small projection QᵀA. Costs O(m·n·(r + p)) per pass instead of a full SVD.
/// </summary>
public static class RandomizedSvd
{
    public const int DefaultOversampling = 10;

    public const int DefaultPowerIterations = 2;

    /// <param name="a">The [m, n] matrix.</param>
    /// <param name="rank">How many singular triplets to return.</param>
    /// <param name="generator">Draws the Gaussian sketch; a seeded generator makes the result deterministic.</param>
    public static TruncatedSvd Compute(
        torch.Tensor a,
        int rank,
        torch.Generator generator,
        int oversampling = DefaultOversampling,
        int powerIterations = DefaultPowerIterations)
    {
        if (rank == 0)
        {
            return TruncatedSvd.Zero(a);
        }

        var smaller = Math.Min(a.shape[0], a.shape[1]);
        var width = Math.Min(rank + oversampling, smaller);
        if (width >= smaller)
        {
            return TruncatedSvd.Exact(a, rank);
        }

        using var scope = torch.NewDisposeScope();
        var sketch = torch.randn(a.shape[1], width, dtype: a.dtype, device: a.device, generator: generator);
        var basis = Orthonormal(a.matmul(sketch));
        for (var i = 0; i < powerIterations; i++)
        {
            basis = Orthonormal(a.matmul(Orthonormal(a.T.matmul(basis))));
        }

        var (smallU, values, vh) = torch.linalg.svd(basis.T.matmul(a), fullMatrices: false);
        return new TruncatedSvd(
            basis.matmul(smallU.narrow(1, 0, rank)).MoveToOuterDisposeScope(),
            values.narrow(0, 0, rank).contiguous().MoveToOuterDisposeScope(),
            vh.narrow(0, 0, rank).contiguous().MoveToOuterDisposeScope());
    }

    private static torch.Tensor Orthonormal(torch.Tensor columns) => torch.linalg.qr(columns).Q;
}
