using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// Computes a factored linear without rebuilding its weight: y = x·Sᵀ + (x·Vᵀ)·Uᵀ + b, with S a sparse (COO) tensor.
/// Holds its float32 tensors until disposed.
/// </summary>
public sealed class FactoredKernel : IDisposable
{
    private readonly Tensor _u;
    private readonly Tensor _v;
    private readonly Tensor _sparse;

    /// <param name="u">U [out, rank].</param>
    /// <param name="v">V [rank, in].</param>
    /// <param name="sparse">S [out, in] as a sparse COO tensor.</param>
    public FactoredKernel(Tensor u, Tensor v, Tensor sparse)
    {
        _u = u.DetachFromDisposeScope();
        _v = v.DetachFromDisposeScope();
        _sparse = sparse.DetachFromDisposeScope();
    }

    public long OutFeatures => _u.shape[0];

    public long InFeatures => _v.shape[1];

    public Tensor Apply(Tensor input, Tensor? bias)
    {
        using var scope = NewDisposeScope();
        var flat = input.reshape(-1, InFeatures);
        var output = _sparse.mm(flat.t()).t().add(flat.matmul(_v.t()).matmul(_u.t()), RootedScalars.One);
        if (bias is not null)
        {
            output = output.add(bias, RootedScalars.One);
        }

        long[] shape = [.. input.shape[..^1], OutFeatures];
        return output.reshape(shape).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _u.Dispose();
        _v.Dispose();
        _sparse.Dispose();
    }
}
