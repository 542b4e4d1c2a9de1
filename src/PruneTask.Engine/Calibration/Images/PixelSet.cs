using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Images ready for a vision model: <see cref="Samples"/> × <see cref="Shape"/> float32 pixel values, row-major, with
/// a class label per image when the data has them. <see cref="Fingerprint"/> is the SHA-256 of the canonical text
/// <c>prunetask-pixels 1 &lt;samples&gt; &lt;channels&gt; &lt;height&gt; &lt;width&gt; &lt;labels: 0 or 1&gt;\n</c>, every value as
/// little-endian float32, then every label as little-endian int64.
/// </summary>
public sealed class PixelSet : IModelInputs
{
    private readonly float[] _pixels;
    private readonly long[]? _labels;

    internal PixelSet(float[] pixels, ImageShape shape, long[]? labels, string sourceSha256)
    {
        Shape = shape;
        Samples = pixels.Length / (shape.Channels * shape.Height * shape.Width);
        _pixels = pixels;
        _labels = labels;
        SourceSha256 = sourceSha256;
        Fingerprint = PixelFingerprint.Of(pixels, shape, Samples, labels);
    }

    public int Samples { get; }

    public ImageShape Shape { get; }

    /// <summary>The class index of every image, or null when the data has no labels.</summary>
    public IReadOnlyList<long>? Labels => _labels;

    public string Fingerprint { get; }

    public string SourceSha256 { get; }

    /// <summary>A float32 tensor [samples, channels, height, width]; the caller owns it.</summary>
    public torch.Tensor ToTensor() => torch.tensor(_pixels, [Samples, Shape.Channels, Shape.Height, Shape.Width], torch.float32);
}
