using PruneTask.Engine.Methods;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// Rotary position embedding in the Hugging Face layout (rotate_half: the first and second halves of a head
/// form the pairs), for positions 0..T-1.
/// </summary>
internal sealed class RotaryEmbedding
{
    private readonly float[] _inverseFrequencies;

    public RotaryEmbedding(int headDim, double theta, ConfigJson? scaling)
    {
        var frequencies = Enumerable.Range(0, headDim / 2)
            .Select(i => 1.0 / Math.Pow(theta, 2.0 * i / headDim))
            .ToArray();
        _inverseFrequencies = RopeScaling.Apply(frequencies, scaling).Select(f => (float)f).ToArray();
    }

    public IReadOnlyList<float> InverseFrequencies => _inverseFrequencies;

    /// <summary>cos and sin of every angle, each [T, headDim] float32.</summary>
    public (Tensor Cos, Tensor Sin) Angles(long tokens)
    {
        var positions = arange(tokens, dtype: float32, device: ComputeDevice.Current);
        var angles = outer(positions, tensor(_inverseFrequencies, device: ComputeDevice.Current));
        var both = cat([angles, angles], -1);
        return (both.cos(), both.sin());
    }

    /// <summary>Rotates x [B, heads, T, headDim] by the angles of its positions.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([x[TensorIndex.Ellipsis, TensorIndex.Slice(half)].neg(), x[TensorIndex.Ellipsis, TensorIndex.Slice(0, half)]], -1);
        return x.mul(cos).add(rotated.mul(sin), RootedScalars.One);
    }
}
