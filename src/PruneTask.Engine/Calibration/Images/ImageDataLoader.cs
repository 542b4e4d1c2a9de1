using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Loads images for calibration or evaluation as pixel values: a folder of PNG and JPEG images, decoded and
/// preprocessed per the model's preprocessor_config.json (<see cref="ImageFolderLoader"/>); or pixel values already
/// preprocessed, a <c>.npy</c> file of float32 [images, channels, height, width] or a <c>.safetensors</c> file with
/// <c>pixel_values</c> (and optional <c>labels</c>). The first <see cref="ImageDataOptions.Samples"/> images are used, in order.
/// </summary>
public static class ImageDataLoader
{
    public static PixelSet Load(ImageDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Samples);
        var path = options.Path;
        if (Directory.Exists(path))
        {
            return ImageFolderLoader.Load(options);
        }

        var (array, sourceSha256) = Read(path);
        var expected = options.Input;
        if (array.Shape.Length != 4 || array.Shape[1] != expected.Channels || array.Shape[2] != expected.Height || array.Shape[3] != expected.Width)
        {
            throw new CalibrationDataException(
                path, $"holds pixel values shaped [{string.Join(", ", array.Shape)}], but the model takes [images, {expected.Channels}, {expected.Height}, {expected.Width}].");
        }

        var samples = SampleCount(path, (int)array.Shape[0], options.Samples);
        var perImage = expected.Channels * expected.Height * expected.Width;
        return new PixelSet(array.Values[..(samples * perImage)], expected, array.Labels?[..samples], sourceSha256);
    }

    /// <summary>How many images to use: <paramref name="asked"/>, or all <paramref name="available"/> for 0; at least one must exist.</summary>
    internal static int SampleCount(string path, int available, int asked)
    {
        var samples = asked == 0 ? available : asked;
        return available == 0 || samples > available
            ? throw new CalibrationDataException(path, $"holds {available} images, fewer than the {Math.Max(samples, 1)} asked for.")
            : samples;
    }

    private static (PixelArray Array, string SourceSha256) Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".npy" or ".safetensors"))
        {
            throw new CalibrationDataException(path, $"has the extension '{extension}': images are read from a folder of .png/.jpg/.jpeg files, or from .npy or .safetensors pixel values.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }

        var array = extension == ".npy" ? NpyPixelReader.Read(path, bytes) : SafetensorsPixelReader.Read(path);
        return (array, ContentHash.Of(bytes));
    }
}

/// <summary>Pixel values as a file holds them: float32, row-major, with the file's shape and labels when it has them.</summary>
internal sealed record PixelArray(float[] Values, long[] Shape, long[]? Labels);
