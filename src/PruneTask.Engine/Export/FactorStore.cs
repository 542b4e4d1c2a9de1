using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Export;

/// <summary>
/// Keeps the factored form (low-rank U, V and the sparse part) of every layer a method returned one for, until the
/// export stage writes them (<c>format: factored</c>). Holds its own copies; disposing it frees them.
/// </summary>
public sealed class FactorStore : IDisposable
{
    private readonly Dictionary<string, LayerFactors> _layers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LayerFactors> Layers => _layers;

    /// <summary>Copies the factors of <paramref name="result"/> when it has them; the result stays the caller's.</summary>
    public void Keep(string layer, PrunedLayer result)
    {
        if (result.LowRankU is not { } u || result.LowRankV is not { } v || result.Sparse is not { } sparse)
        {
            return;
        }

        if (_layers.Remove(layer, out var old))
        {
            old.Dispose();
        }

        _layers[layer] = new LayerFactors(Copy(u), Copy(v), Copy(sparse));
    }

    public void Dispose()
    {
        foreach (var factors in _layers.Values)
        {
            factors.Dispose();
        }

        _layers.Clear();
    }

    private static torch.Tensor Copy(torch.Tensor tensor) => tensor.to(torch.float32, copy: true).contiguous().DetachFromDisposeScope();
}

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
