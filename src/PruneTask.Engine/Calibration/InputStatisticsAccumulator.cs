using PruneTask.Engine.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Sums what calibration learns about one input tensor, in float64: Σ x_j² always, XᵀX when a method needs it.
/// Each call adds one batch of whole sequences ([batch, tokens, d_in]).
/// </summary>
public sealed class InputStatisticsAccumulator : IDisposable
{
    private readonly Tensor _squaredNorms;
    private readonly Tensor? _gram;
    private long _tokens;
    private long _sequences;

    public InputStatisticsAccumulator(long features, StatisticsNeed need)
    {
        _squaredNorms = zeros(features, dtype: float64).DetachFromDisposeScope();
        _gram = need == StatisticsNeed.Gram ? zeros(features, features, dtype: float64).DetachFromDisposeScope() : null;
    }

    public void Add(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]).to(float64);
        _squaredNorms.add_(x.square().sum(0));
        _gram?.addmm_(x.T, x);
        _tokens += x.shape[0];
        _sequences += input.dim() == 3 ? input.shape[0] : 1;
    }

    /// <summary>Hands the sums over as statistics; the accumulator must not be used afterwards.</summary>
    public LayerStatistics ToStatistics() => new(_squaredNorms, _gram, _tokens, _sequences);

    public void Dispose()
    {
        _squaredNorms.Dispose();
        _gram?.Dispose();
    }
}
