using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// Seeded layers built like the method fixtures: correlated activations X = Z·diag(logspace(0.7, −0.7))·Q with
/// chosen outlier columns scaled ×20, weights 0.1·N(0, 1), and the statistics calibration would gather from X.
/// </summary>
internal static class SyntheticLayer
{
    public static torch.Tensor Activations(ulong seed, long tokens, long features, params long[] outlierColumns)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(seed);
        var z = torch.randn(tokens, features, dtype: torch.float64, generator: generator);
        var scales = torch.logspace(0.7, -0.7, features, dtype: torch.float64);
        var (q, _) = torch.linalg.qr(torch.randn(features, features, dtype: torch.float64, generator: generator));
        var x = z.mul(scales.unsqueeze(0)).matmul(q);
        foreach (var column in outlierColumns)
        {
            x.select(1, column).mul_(20);
        }

        return x.to_type(torch.float32).MoveToOuterDisposeScope();
    }

    public static torch.Tensor Weight(ulong seed, long rows, long columns)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(seed);
        return torch.randn(rows, columns, dtype: torch.float32, generator: generator).mul(0.1f).MoveToOuterDisposeScope();
    }

    /// <summary>Statistics of X [tokens, d_in] split into <paramref name="sequences"/> equal sequences: Gram XᵀX in float64.</summary>
    public static LayerStatistics Statistics(torch.Tensor x, long sequences, double gramScale = 1)
    {
        using var scope = torch.NewDisposeScope();
        var x64 = x.to_type(torch.float64);
        var gram = x64.T.matmul(x64).mul(gramScale);
        var squaredNorms = gram.diagonal().clone();
        return new LayerStatistics(squaredNorms.MoveToOuterDisposeScope(), gram.MoveToOuterDisposeScope(), x.shape[0], sequences);
    }

    /// <summary>‖X (W − Ŵ)ᵀ‖²_F in float64.</summary>
    public static double ReconstructionError(torch.Tensor x, torch.Tensor weight, torch.Tensor pruned)
    {
        using var scope = torch.NewDisposeScope();
        var delta = weight.to_type(torch.float64) - pruned.to_type(torch.float64);
        return x.to_type(torch.float64).matmul(delta.T).square().sum().item<double>();
    }

    public static long[] ZerosPerRow(torch.Tensor weight)
    {
        using var scope = torch.NewDisposeScope();
        return weight.eq(0).sum(1).data<long>().ToArray();
    }

    public static long[] ZerosPerGroup(torch.Tensor weight, int m)
    {
        using var scope = torch.NewDisposeScope();
        return weight.eq(0).reshape(weight.shape[0], weight.shape[1] / m, m).sum(2).flatten().data<long>().ToArray();
    }

    public static bool BitIdentical(torch.Tensor a, torch.Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits)
            .SequenceEqual(b.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
}
