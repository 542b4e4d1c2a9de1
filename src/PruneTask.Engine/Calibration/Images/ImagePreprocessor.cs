using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Turns one decoded RGB image into pixel values as a <see cref="PreprocessorConfig"/> says: resize, center crop,
/// rescale, normalize. Resizing follows PIL (which transformers uses): TorchSharp's <c>interpolate</c> with antialias
/// (bilinear or bicubic, PIL's filters), horizontal then vertical, each pass rounded to whole 0–255 values as PIL's
/// 8-bit passes are; results can still differ from PIL's by one grey level on some pixels (PIL uses fixed-point
/// weights). Rescale and normalize are computed in float64 and stored as float32.
/// </summary>
public sealed class ImagePreprocessor(PreprocessorConfig config)
{
    /// <summary>The largest 8-bit value, rooted (see <see cref="RootedScalars"/>).</summary>
    private static readonly Scalar White = 255.0.ToScalar();

    public PreprocessorConfig Config => config;

    /// <summary>The [channels, height, width] an image of <paramref name="height"/> × <paramref name="width"/> comes out as.</summary>
    public ImageShape OutputShape(int height, int width)
    {
        var (h, w) = config.DoResize ? config.ResizedSize(height, width) : (height, width);
        return config.DoCenterCrop ? new ImageShape(3, config.CropHeight, config.CropWidth) : new ImageShape(3, h, w);
    }

    /// <summary>
    /// Pixel values [3, height, width] (row-major, as <see cref="OutputShape"/> gives them) of an image held as
    /// <paramref name="rgb"/>: height × width × 3 bytes, row by row. <paramref name="path"/> names the image in errors.
    /// </summary>
    public float[] Apply(string path, byte[] rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(rgb.Length, checked(width * height * 3));
        using var scope = NewDisposeScope();
        var pixels = tensor(rgb, [height, width, 3], uint8).permute(2, 0, 1).unsqueeze(0).to_type(float32);
        if (config.DoResize)
        {
            var (h, w) = config.ResizedSize(height, width);
            var mode = config.Resample == PreprocessorConfig.Bicubic ? InterpolationMode.Bicubic : InterpolationMode.Bilinear;
            if (w != width)
            {
                pixels = Resize(pixels, height, w, mode);
            }

            if (h != height)
            {
                pixels = Resize(pixels, h, w, mode);
            }
        }

        if (config.DoCenterCrop)
        {
            pixels = CenterCrop(path, pixels);
        }

        var values = pixels.squeeze(0).to_type(float64);
        if (config.DoRescale)
        {
            using var factor = config.RescaleFactor.ToScalar();
            values = values.mul(factor);
        }

        if (config.DoNormalize)
        {
            var mean = tensor(config.ImageMean.ToArray(), [3, 1, 1], float64);
            var std = tensor(config.ImageStd.ToArray(), [3, 1, 1], float64);
            using var minusOne = (-1.0).ToScalar();
            values = values.add(mean, minusOne).div(std);
        }

        return values.to_type(float32).contiguous().data<float>().ToArray();
    }

    /// <summary>
    /// One pass of PIL's two-pass resize (horizontal first, then vertical), each to an 8-bit image: the antialiased
    /// filter, then rounding half up and clipping to 0–255 (bicubic overshoots), as PIL stores the intermediate image.
    /// </summary>
    private static Tensor Resize(Tensor pixels, long height, long width, InterpolationMode mode) =>
        nn.functional.interpolate(pixels, size: [height, width], mode: mode, align_corners: false, antialias: true)
            .add_(RootedScalars.Half, RootedScalars.One).floor_().clamp_(RootedScalars.Zero, White);

    /// <summary>transformers' center_crop: the top-left corner at ((H − h) // 2, (W − w) // 2).</summary>
    private Tensor CenterCrop(string path, Tensor pixels)
    {
        var (height, width) = (pixels.shape[2], pixels.shape[3]);
        if (config.CropHeight > height || config.CropWidth > width)
        {
            throw new CalibrationDataException(
                path, $"is {height}×{width} before the center crop, smaller than crop_size {config.CropHeight}×{config.CropWidth}.");
        }

        return pixels.narrow(2, (height - config.CropHeight) / 2, config.CropHeight).narrow(3, (width - config.CropWidth) / 2, config.CropWidth);
    }
}
