using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// Wanda's unstructured rule restated for comparisons (methods.md §1): per row, zero the k smallest |W_ij|·sqrt(G_jj),
/// stable order. Kept weights are copies of W.
/// </summary>
internal static class WandaRowMask
{
    public static torch.Tensor Apply(torch.Tensor weight, torch.Tensor squaredNorms, int zeroedPerRow)
    {
        using var scope = torch.NewDisposeScope();
        var score = weight.to(torch.float64).abs() * squaredNorms.to(torch.float64).sqrt();
        var order = score.sort(1, stable: true).Indices.narrow(1, 0, zeroedPerRow);
        return weight.scatter(1, order, torch.zeros_like(order, dtype: weight.dtype)).MoveToOuterDisposeScope();
    }
}
