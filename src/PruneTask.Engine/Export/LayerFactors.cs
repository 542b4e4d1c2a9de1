using TorchSharp;

namespace PruneTask.Engine.Export;

/// <summary>One layer's factored form, float32: Weight = U·V + Sparse (U [out, r], V [r, in], Sparse [out, in]).</summary>
public sealed record LayerFactors(torch.Tensor U, torch.Tensor V, torch.Tensor Sparse) : IDisposable
{
    public void Dispose()
    {
        U.Dispose();
        V.Dispose();
        Sparse.Dispose();
    }
}
