using PruneTask.Engine.Models;
using PruneTask.Engine.Methods;
using TorchSharp;
using static TorchSharp.torch;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Sums what calibration learns about one input tensor: Σ x_j² always (the Gram's diagonal when there is one), XᵀX
/// when a method needs it. Each call adds one batch of whole sequences ([batch, tokens, d_in]). A batch's products are
/// formed in float32, as the reference implementations form all of theirs, and the batches are summed in float64
/// (docs/methods.md, Decisions 2). XᵀX is symmetric, so only its upper block triangle is formed, one block row of
/// <see cref="TileSize"/> features at a time (about half the operations of the full product), and mirrored when the
/// statistics are handed over.
/// </summary>
public sealed class InputStatisticsAccumulator : IDisposable
{
    /// <summary>Features in a block row of the Gram: large enough for matrix-product speed, small enough to skip most of the lower triangle.</summary>
    public const long TileSize = 256;

    private readonly Tensor _squaredNorms;
    private readonly Tensor? _gram;
    private long _tokens;
    private long _sequences;

    public InputStatisticsAccumulator(long features, StatisticsNeed need)
    {
        _squaredNorms = zeros(features, dtype: float64, device: ComputeDevice.Current).DetachFromDisposeScope();
        _gram = need == StatisticsNeed.Gram ? zeros(features, features, dtype: float64, device: ComputeDevice.Current).DetachFromDisposeScope() : null;
    }

    public void Add(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]).to(float32);
        if (_gram is { } gram)
        {
            AddUpperBlocks(gram, x);
        }
        else
        {
            // sum(0) would bind to sum(ScalarType): the literal 0 converts to any enum, so the dimension must be a long.
            _squaredNorms.add_(x.mul(x).sum(0L), RootedScalars.One);
        }

        _tokens += x.shape[0];
        _sequences += input.dim() == 3 ? input.shape[0] : 1;
    }

    /// <summary>Hands the sums over as statistics; the accumulator must not be used afterwards.</summary>
    public LayerStatistics ToStatistics()
    {
        if (_gram is { } gram)
        {
            MirrorUpperBlocks(gram);
            _squaredNorms.copy_(gram.diagonal());
        }

        return new LayerStatistics(_squaredNorms, _gram, _tokens, _sequences);
    }

    public void Dispose()
    {
        _squaredNorms.Dispose();
        _gram?.Dispose();
    }

    /// <summary>G[i:i+t, i:] += X[:, i:i+t]ᵀ·X[:, i:] for every block row i.</summary>
    private static void AddUpperBlocks(Tensor gram, Tensor x)
    {
        var features = x.shape[1];
        for (long first = 0; first < features; first += TileSize)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(TileSize, features - first);
            var product = x.narrow(1, first, rows).T.matmul(x.narrow(1, first, features - first));
            gram.narrow(0, first, rows).narrow(1, first, features - first).add_(product, RootedScalars.One);
        }
    }

    /// <summary>Copies every block above the diagonal blocks to its transposed place below them.</summary>
    internal static void MirrorUpperBlocks(Tensor gram)
    {
        var features = gram.shape[0];
        for (long first = 0; first + TileSize < features; first += TileSize)
        {
            var after = first + TileSize;
            using var upper = gram.narrow(0, first, TileSize).narrow(1, after, features - after);
            using var lower = gram.narrow(0, after, features - after).narrow(1, first, TileSize);
            using var transposed = upper.T;
            lower.copy_(transposed);
        }
    }
}
