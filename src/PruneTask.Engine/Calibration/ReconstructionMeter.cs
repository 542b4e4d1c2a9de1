using PruneTask.Engine.Models;
using static TorchSharp.torch;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// Measures ‖XWᵀ − XŴᵀ‖ / ‖XWᵀ‖ for every tracked linear of a block while the pruned block runs, X being the input
/// each linear sees there, W the checkpoint's weight and Ŵ the weight the linear holds. XŴᵀ is the output the linear
/// computed anyway (less its bias), so the meter adds one product per linear. W is read when the first output of a
/// pass arrives and held until <see cref="Release"/> (the end of the pass): reading and converting it again for every
/// batch cost more than the product.
/// </summary>
public sealed class ReconstructionMeter : IDisposable
{
    /// <summary>
    /// Rows whose squares are summed at once: a float64 copy of a whole batch's output is tens of MB, fresh pages from
    /// the system on every call; a chunk this size is reused from the allocator.
    /// </summary>
    private const long ChunkRows = 64;

    private readonly Dictionary<string, (double Error, double Reference)> _sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Tensor Weight, Tensor? Bias)> _checkpoint = new(StringComparer.Ordinal);

    /// <summary>Measures the linear <paramref name="name"/> from now on.</summary>
    public void Track(string name) => _sums[name] = (0, 0);

    /// <summary>For <see cref="LinearLayer.OutputObserver"/>: adds one batch's squared error and squared reference.</summary>
    public void Observe(LinearLayer linear, Tensor input, Tensor output)
    {
        if (!_sums.TryGetValue(linear.Spec.Name, out var sums))
        {
            return;
        }

        if (!_checkpoint.TryGetValue(linear.Spec.Name, out var held))
        {
            // Read inside the block's dispose scope: detached, or the scope would free them when the batch is done.
            held = (linear.ReadCheckpointWeight().DetachFromDisposeScope(), linear.ReadBias()?.DetachFromDisposeScope());
            _checkpoint[linear.Spec.Name] = held;
        }

        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]);
        var reference = x.matmul(held.Weight.T);
        var pruned = output.reshape(-1, output.shape[^1]);
        var (error, squared) = SquaredSums(reference, pruned, held.Bias);
        _sums[linear.Spec.Name] = (sums.Error + error, sums.Reference + squared);
    }

    /// <summary>Frees the checkpoint weights held for the pass.</summary>
    public void Release()
    {
        foreach (var (weight, bias) in _checkpoint.Values)
        {
            weight.Dispose();
            bias?.Dispose();
        }

        _checkpoint.Clear();
    }

    public void Dispose() => Release();

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

    /// <summary>Σ(reference − (pruned − bias))² and Σ reference², in float64, a chunk of rows at a time.</summary>
    private static (double Error, double Reference) SquaredSums(Tensor reference, Tensor pruned, Tensor? bias)
    {
        double error = 0, squared = 0;
        var rows = reference.shape[0];
        for (long first = 0; first < rows; first += ChunkRows)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(ChunkRows, rows - first);
            var expected = reference.narrow(0, first, count);
            var difference = expected.sub(pruned.narrow(0, first, count));
            if (bias is not null)
            {
                difference.add_(bias);
            }

            error += difference.to(float64).square().sum().item<double>();
            squared += expected.to(float64).square().sum().item<double>();
        }

        return (error, squared);
    }
}
