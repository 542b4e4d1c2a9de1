using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OATS (Zhang and Papyan, ICLR 2025): approximates W by a sparse plus a low-rank matrix in the space scaled by the
/// input second moments, D_j = sqrt(G_jj / n_seq), and returns both the dense result and the factors (docs/methods.md §4).
/// Features that never fire (G_jj = 0) get zero columns in every output instead of the reference's division by zero.
/// </summary>
public static class Oats
{
    /// <param name="weight">W [out, in], any floating dtype; the decomposition runs in float32 as the reference does.</param>
    /// <param name="squaredNorms">diag(XᵀX) [in] (float64 in <see cref="LayerStatistics"/>).</param>
    /// <param name="sequences">n_seq, the number of calibration sequences behind <paramref name="squaredNorms"/>.</param>
    /// <param name="partRows">
    /// For a fused weight (Phi-3 qkv_proj, gate_up_proj): the row count of each slice, in order. Every slice is
    /// decomposed on its own with its own budget and they share D. Null means one part covering all rows.
    /// </param>
    public static OatsResult Decompose(
        torch.Tensor weight,
        torch.Tensor squaredNorms,
        long sequences,
        OatsOptions options,
        IReadOnlyList<long>? partRows = null)
    {
        options.Validate();
        var rows = partRows ?? [weight.shape[0]];
        Check(weight, squaredNorms, sequences, rows);

        using var scope = torch.NewDisposeScope();
        using var sketches = new torch.Generator((ulong)options.Seed, weight.device);
        using var sequenceCount = sequences.ToScalar();
        var scale = squaredNorms.to(torch.float64).div(sequenceCount).sqrt_().to(torch.float32).to(weight.device);
        var inverseScale = torch.where(scale.gt(RootedScalars.Zero), scale.reciprocal(), torch.zeros_like(scale));
        var scaled = weight.to(torch.float32) * scale;

        var parts = new List<OatsPart>(rows.Count);
        long offset = 0;
        foreach (var count in rows)
        {
            parts.Add(OatsAlternation.Run(scaled.narrow(0, offset, count), inverseScale, options, sketches));
            offset += count;
        }

        var dense = torch.cat(parts.Select(p => p.DenseWeight()).ToArray(), 0);
        return new OatsResult(dense, parts).MoveToOuterDisposeScope();
    }

    private static void Check(torch.Tensor weight, torch.Tensor squaredNorms, long sequences, IReadOnlyList<long> rows)
    {
        if (weight.dim() != 2 || squaredNorms.dim() != 1 || squaredNorms.shape[0] != weight.shape[1])
        {
            throw new ArgumentException(
                $"OATS needs W [out, in] and diag(XᵀX) [in]; got [{string.Join(", ", weight.shape)}] and [{string.Join(", ", squaredNorms.shape)}].");
        }

        if (sequences <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sequences), sequences, "OATS needs at least one calibration sequence.");
        }

        if (rows.Any(r => r <= 0) || rows.Sum() != weight.shape[0])
        {
            throw new ArgumentException($"Fused part rows [{string.Join(", ", rows)}] must be positive and add up to d_out = {weight.shape[0]}.");
        }
    }
}
