using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Root-mean-square layer norm as Llama computes it: x · rsqrt(mean(x²) + eps) · weight.</summary>
internal static class RmsNorm
{
    public static Tensor Apply(Tensor x, Tensor weight, double eps)
    {
        var variance = x.pow(2).mean([-1], keepdim: true);
        return x.mul(variance.add(eps).rsqrt()).mul(weight);
    }
}
