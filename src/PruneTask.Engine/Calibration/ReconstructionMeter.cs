using System.Numerics;
using System.Runtime.InteropServices;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Models;
using static TorchSharp.torch;

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
    private readonly Dictionary<string, (double Error, double Reference)> _sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Tensor Weight, Tensor? Bias)> _checkpoint = new(StringComparer.Ordinal);

    /// <summary>Per output shape, the buffer the reference product is written into, reused from batch to batch.</summary>
    private readonly Dictionary<(long Rows, long Columns), Tensor> _products = new();

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
            held = (linear.ReadCheckpointWeight().DetachFromDisposeScope(), linear.ReadBias()?.contiguous().DetachFromDisposeScope());
            _checkpoint[linear.Spec.Name] = held;
        }

        using var scope = NewDisposeScope();
        var x = input.reshape(-1, input.shape[^1]);
        var reference = Product(x, held.Weight);
        var pruned = output.reshape(-1, output.shape[^1]).contiguous();
        var (error, squared) = SquaredSums(reference, pruned, held.Bias);
        _sums[linear.Spec.Name] = (sums.Error + error, sums.Reference + squared);
    }

    /// <summary>Frees the checkpoint weights and the buffers held for the pass.</summary>
    public void Release()
    {
        foreach (var (weight, bias) in _checkpoint.Values)
        {
            weight.Dispose();
            bias?.Dispose();
        }

        foreach (var product in _products.Values)
        {
            product.Dispose();
        }

        _checkpoint.Clear();
        _products.Clear();
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
            : throw new PruneRunException(RunErrorCodes.NumericalFailure, $"{name}: the reconstruction error on the calibration inputs is not finite (the activations overflow).");
    }

    /// <summary>x·Wᵀ, written into the buffer kept for its shape (beta 0: the same product as a fresh <c>matmul</c>).</summary>
    private Tensor Product(Tensor x, Tensor weight)
    {
        var shape = (x.shape[0], weight.shape[0]);
        if (!_products.TryGetValue(shape, out var product))
        {
            product = empty(shape.Item1, shape.Item2, dtype: float32, device: x.device).DetachFromDisposeScope();
            _products[shape] = product;
        }

        return product.addmm_(x, weight.T, beta: 0, alpha: 1);
    }

    /// <summary>
    /// Σ(reference − (pruned − bias))² and Σ reference², the differences formed in float32 (as the output was) and the
    /// squares summed in float64, in one pass over the two outputs: float64 copies of them would be fresh pages from the
    /// system on every batch, which cost more than the sums.
    /// </summary>
    private static (double Error, double Reference) SquaredSums(Tensor reference, Tensor pruned, Tensor? bias)
    {
        var expected = Floats(reference);
        var actual = Floats(pruned);
        var shift = bias is null ? [] : Floats(bias);
        var width = (int)reference.shape[1];
        var lanes = Vector<float>.Count;
        Vector<double> error = Vector<double>.Zero, squared = Vector<double>.Zero;
        double errorTail = 0, squaredTail = 0;
        for (var start = 0; start < expected.Length; start += width)
        {
            var e = expected.Slice(start, width);
            var a = actual.Slice(start, width);
            var j = 0;
            for (; j <= width - lanes; j += lanes)
            {
                var value = new Vector<float>(e[j..]);
                var difference = value - new Vector<float>(a[j..]);
                if (!shift.IsEmpty)
                {
                    difference += new Vector<float>(shift[j..]);
                }

                Vector.Widen(difference, out var low, out var high);
                error += (low * low) + (high * high);
                Vector.Widen(value, out low, out high);
                squared += (low * low) + (high * high);
            }

            for (; j < width; j++)
            {
                var difference = e[j] - a[j];
                if (!shift.IsEmpty)
                {
                    difference += shift[j];
                }

                errorTail += (double)difference * difference;
                squaredTail += (double)e[j] * e[j];
            }
        }

        return (Vector.Sum(error) + errorTail, Vector.Sum(squared) + squaredTail);
    }

    /// <summary>The float32 storage of a contiguous CPU tensor.</summary>
    private static ReadOnlySpan<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
