using PruneTask.Engine.Models;
using static TorchSharp.torch;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Measures ‖XWᵀ − XŴᵀ‖ / ‖XWᵀ‖ for every tracked linear of a block while the pruned block runs, X being the input
/// each linear sees there, W the checkpoint's weight and Ŵ the weight the linear holds. XŴᵀ is the output the linear
/// computed anyway (less its bias), so the meter adds one product per linear; it keeps no weights: W is read when an
/// output arrives, so it costs one layer's weight for a moment, not a block's for the block.
/// </summary>
public sealed class ReconstructionMeter
{
    private readonly Dictionary<string, (double Error, double Reference)> _sums = new(StringComparer.Ordinal);

    /// <summary>Measures the linear <paramref name="name"/> from now on.</summary>
    public void Track(string name) => _sums[name] = (0, 0);

    /// <summary>For <see cref="LinearLayer.OutputObserver"/>: adds one batch's squared error and squared reference.</summary>
    public void Observe(LinearLayer linear, Tensor input, Tensor output)
    {
        if (!_sums.TryGetValue(linear.Spec.Name, out var sums))
        {
            return;
        }

        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]);
        var reference = x.matmul(linear.ReadCheckpointWeight().T);
        var pruned = output.reshape(-1, output.shape[^1]);
        var error = linear.ReadBias() is { } bias ? reference.sub(pruned).add_(bias) : reference.sub(pruned);
        _sums[linear.Spec.Name] = (
            sums.Error + error.to(float64).square().sum().item<double>(),
            sums.Reference + reference.to(float64).square().sum().item<double>());
    }

    /// <summary>The relative error of a tracked linear, null when it saw no input or its dense output is zero; a non-finite one is refused (PRN103): reports hold finite numbers.</summary>
    public double? RelativeError(string name)
    {
        if (!_sums.TryGetValue(name, out var s) || !(s.Reference > 0))
        {
            return null;
        }

        var error = Math.Sqrt(s.Error / s.Reference);
        return double.IsFinite(error)
            ? error
            : throw new Diagnostics.PruneRunException(Diagnostics.RunErrorCodes.NumericalFailure, $"{name}: the reconstruction error on the calibration inputs is not finite (the activations overflow).");
    }
}
