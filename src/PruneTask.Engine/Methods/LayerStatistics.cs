using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// What calibration learned about the input of one linear layer: the raw Gram XᵀX summed over all tokens
/// (float64), its diagonal, and the counts a method needs to normalise them (docs/methods.md §0.3).
/// </summary>
public sealed class LayerStatistics : IDisposable
{
    public LayerStatistics(torch.Tensor squaredNorms, torch.Tensor? gram, long tokens, long sequences)
    {
        SquaredNorms = squaredNorms;
        Gram = gram;
        Tokens = tokens;
        Sequences = sequences;
    }

    /// <summary>diag(XᵀX) = Σ_tokens x_j², float64 [d_in].</summary>
    public torch.Tensor SquaredNorms { get; }

    /// <summary>XᵀX summed over tokens, float64 [d_in, d_in]; null when no method of the layer needs it.</summary>
    public torch.Tensor? Gram { get; }

    public long Tokens { get; }

    public long Sequences { get; }

    public long InputFeatures => SquaredNorms.shape[0];

    public torch.Tensor RequireGram(string method) =>
        Gram ?? throw new InvalidOperationException($"{method} needs the full Gram XᵀX, which calibration did not collect.");

    public void Dispose()
    {
        SquaredNorms.Dispose();
        Gram?.Dispose();
    }
}
