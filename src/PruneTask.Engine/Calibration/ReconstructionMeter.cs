using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Measures ‖XWᵀ − XŴᵀ‖ / ‖XWᵀ‖ for every pruned linear of a block while the pruned block runs, X being the
/// input each linear sees there. Holds the dense weights of one block.
/// </summary>
public sealed class ReconstructionMeter : IDisposable
{
    private readonly Dictionary<string, (Tensor Dense, Tensor Difference)> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Error, double Reference)> _sums = new(StringComparer.Ordinal);

    /// <summary>Remembers a linear's dense and pruned weights (float32 [out, in]); the arguments stay the caller's.</summary>
    public void Track(string name, Tensor dense, Tensor pruned)
    {
        using var scope = NewDisposeScope();
        _weights[name] = (dense.clone().DetachFromDisposeScope(), (dense - pruned).DetachFromDisposeScope());
        _sums[name] = (0, 0);
    }

    public void Observe(LinearLayer linear, Tensor input)
    {
        if (!_weights.TryGetValue(linear.Spec.Name, out var w))
        {
            return;
        }

        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]);
        var error = x.matmul(w.Difference.T).to(float64).square().sum().item<double>();
        var reference = x.matmul(w.Dense.T).to(float64).square().sum().item<double>();
        var (e, r) = _sums[linear.Spec.Name];
        _sums[linear.Spec.Name] = (e + error, r + reference);
    }

    /// <summary>The relative error of a tracked linear, or null when it saw no input or its dense output is zero.</summary>
    /// <summary>The layer's relative error, null when it saw no input; a non-finite one is refused (PRN103): reports hold finite numbers.</summary>
    public double? RelativeError(string name)
    {
        if (!_sums.TryGetValue(name, out var s) || !(s.Reference > 0))
        {
            return null;
        }

        var error = Math.Sqrt(s.Error / s.Reference);
        return double.IsFinite(error)
            ? error
            : throw new Stages.PruneRunException(Stages.RunErrorCodes.NumericalFailure, $"{name}: the reconstruction error on the calibration inputs is not finite (the activations overflow).");
    }

    public void Dispose()
    {
        foreach (var (dense, difference) in _weights.Values)
        {
            dense.Dispose();
            difference.Dispose();
        }

        _weights.Clear();
    }
}
