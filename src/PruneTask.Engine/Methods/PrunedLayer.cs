using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// The result of pruning one linear layer. <see cref="Weight"/> is always the dense float32 [out, in] weight
/// the model computes with; the optional parts describe the same weight in a deployable form.
/// </summary>
public sealed class PrunedLayer : IDisposable
{
    public PrunedLayer(torch.Tensor weight) => Weight = weight;

    public torch.Tensor Weight { get; }

    /// <summary>OATS factored form: Weight = LowRankU · LowRankV + Sparse (U [out, r], V [r, in], Sparse [out, in]).</summary>
    public torch.Tensor? LowRankU { get; init; }

    public torch.Tensor? LowRankV { get; init; }

    public torch.Tensor? Sparse { get; init; }

    /// <summary>Structured pruning: one flag per input group (true = removed).</summary>
    public bool[]? RemovedGroups { get; init; }

    /// <summary>A method's own loss figure (SparseGPT's OBS loss, OSSCAR's objective), when it has one.</summary>
    public double? Loss { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public void Dispose()
    {
        Weight.Dispose();
        LowRankU?.Dispose();
        LowRankV?.Dispose();
        Sparse?.Dispose();
    }
}
