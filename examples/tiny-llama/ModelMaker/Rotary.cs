using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>Rotary position embeddings in the Hugging Face "rotate half" layout.</summary>
public static class Rotary
{
    public static (Tensor Cos, Tensor Sin) Tables(long length, int headDim, double theta)
    {
        var inverse = 1.0 / pow(theta, arange(0, headDim, 2, dtype: ScalarType.Float64) / headDim);
        var angles = outer(arange(length, dtype: ScalarType.Float64), inverse);
        var both = cat([angles, angles], -1);
        return (both.cos().to(ScalarType.Float32), both.sin().to(ScalarType.Float32));
    }

    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }
}
