using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>What OATS returns for one weight: the dense float32 result and its factored parts (one per fused slice).</summary>
public sealed class OatsResult : IDisposable
{
    public OatsResult(torch.Tensor weight, IReadOnlyList<OatsPart> parts)
    {
        Weight = weight;
        Parts = parts;
    }

    /// <summary>Ŵ [out, in]: the parts' U·V + Sparse stacked in row order.</summary>
    public torch.Tensor Weight { get; }

    public IReadOnlyList<OatsPart> Parts { get; }

    /// <summary>‖Wt − L − S‖_F over all parts after the last iteration.</summary>
    public double Residual => Math.Sqrt(Parts.Sum(p => p.Objectives[^1] * p.Objectives[^1]));

    /// <summary>
    /// The result as a <see cref="PrunedLayer"/> that owns its own tensors. Several parts become one factored form with
    /// a block-diagonal U = diag(U₁, U₂, …) and V, Sparse stacked, so Weight = U·V + Sparse still holds for the fused
    /// weight; exporters that want the compact per-part factors read <see cref="Parts"/> instead.
    /// </summary>
    public PrunedLayer ToPrunedLayer()
    {
        using var scope = torch.NewDisposeScope();
        var single = Parts.Count == 1;
        var u = single ? Parts[0].U.alias() : torch.block_diag([.. Parts.Select(p => p.U)]);
        var v = single ? Parts[0].V.alias() : torch.cat(Parts.Select(p => p.V).ToArray(), 0);
        var sparse = single ? Parts[0].Sparse.alias() : torch.cat(Parts.Select(p => p.Sparse).ToArray(), 0);
        return new PrunedLayer(Weight.alias().MoveToOuterDisposeScope())
        {
            LowRankU = u.MoveToOuterDisposeScope(),
            LowRankV = v.MoveToOuterDisposeScope(),
            Sparse = sparse.MoveToOuterDisposeScope(),
            Loss = Residual,
        };
    }

    public OatsResult MoveToOuterDisposeScope()
    {
        Weight.MoveToOuterDisposeScope();
        foreach (var part in Parts)
        {
            part.MoveToOuterDisposeScope();
        }

        return this;
    }

    public void Dispose()
    {
        Weight.Dispose();
        foreach (var part in Parts)
        {
            part.Dispose();
        }
    }
}
