using System.Security.Cryptography;
using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Loads a folder of PNG and JPEG images (<see cref="ImageFolderReader"/> gives the layout and order) as pixel values:
/// the first <see cref="ImageDataOptions.Samples"/> images are decoded (<see cref="ImageFileDecoder"/>) and
/// preprocessed as the model folder's preprocessor_config.json says (<see cref="PreprocessorConfig"/>,
/// <see cref="ImagePreprocessor"/>). Class folders give labels (<see cref="ClassLabels"/>); a flat folder gives none.
/// Every image file is read for the source hash (<see cref="ImageFolderHash"/>).
/// </summary>
internal static class ImageFolderLoader
{
    public static PixelSet Load(ImageDataOptions options)
    {
        var folder = options.Path;
        var expected = options.Input;
        if (expected.Channels != 3)
        {
            throw new CalibrationDataException(folder, $"holds images, which are decoded to RGB (3 channels), but the model takes {expected.Channels} channels.");
        }

        var (images, classNames) = ImageFolderReader.Read(folder);
        var samples = ImageDataLoader.SampleCount(folder, images.Count, options.Samples);
        var config = PreprocessorConfig.Load(options.ModelDirectory, expected);
        var preprocessor = new ImagePreprocessor(config);
        var classLabels = classNames is null ? null : ClassLabels.Of(classNames, options.ModelDirectory);
        var perImage = expected.Channels * expected.Height * expected.Width;
        var pixels = new float[checked(samples * perImage)];
        var labels = classLabels is null ? null : new long[samples];
        using var hash = new ImageFolderHash(images.Count, config);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            if (i >= samples)
            {
                hash.Add(image.RelativePath, HashFile(image.FullPath));
                continue;
            }

            var bytes = ReadFile(image.FullPath);
            hash.Add(image.RelativePath, SHA256.HashData(bytes));
            var decoded = ImageFileDecoder.Decode(image.FullPath, bytes);
            var shape = preprocessor.OutputShape(decoded.Height, decoded.Width);
            if (shape != expected)
            {
                throw new CalibrationDataException(
                    image.FullPath,
                    $"is {decoded.Height}×{decoded.Width} and preprocessing makes it {shape}, but the model takes {expected} " +
                    $"({Source(options.ModelDirectory)}: {config.Canonical()}).");
            }

            preprocessor.Apply(image.FullPath, decoded.Rgb, decoded.Width, decoded.Height).CopyTo(pixels, i * perImage);
            if (labels is not null)
            {
                labels[i] = classLabels![image.ClassIndex!.Value];
            }
        }

        return new PixelSet(pixels, expected, labels, hash.Finish());
    }

    private static string Source(string? modelDirectory) =>
        modelDirectory is not null && File.Exists(Path.Combine(modelDirectory, PreprocessorConfig.FileName))
            ? PreprocessorConfig.FileName
            : $"no {PreprocessorConfig.FileName}, ViT defaults";

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static byte[] HashFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return SHA256.HashData(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
