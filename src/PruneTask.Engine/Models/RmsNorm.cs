using PruneTask.Engine.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Root-mean-square layer norm as Llama computes it: x · rsqrt(mean(x²) + eps) · weight.</summary>
internal static class RmsNorm
{
    public static Tensor Apply(Tensor x, Tensor weight, double eps)
    {
        // Explicit, kept-alive scalars: see RootedScalars for the TorchSharp 0.107 finalizer race they avoid.
        using var epsilon = eps.ToScalar();
        var variance = x.mul(x).mean([-1], keepdim: true);
        return x.mul(variance.add(epsilon, RootedScalars.One).rsqrt()).mul(weight);
    }
}

/// <summary>An RMSNorm whose weight is read lazily.</summary>
internal sealed class RmsNormWeights(LazyTensor weight, double eps) : IBlockNorm
{
    public IEnumerable<LazyTensor> Tensors => [weight];

    public Tensor Apply(Tensor x) => RmsNorm.Apply(x, weight.Value, eps);
}
