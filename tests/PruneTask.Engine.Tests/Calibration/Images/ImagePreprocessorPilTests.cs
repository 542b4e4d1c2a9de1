using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Calibration.Images;

/// <summary>
/// Resizing against PIL, which transformers' image processors use: PilReference/ holds four PNGs (noise and smooth,
/// up- and downscaled) and what Pillow 9.4 made of them (make_reference.py). Every value must be within one grey
/// level of PIL's, and at least 95% of them equal.
/// </summary>
public sealed class ImagePreprocessorPilTests
{
    private static readonly ImageShape Input = new(3, 32, 32);

    public static TheoryData<string, int, int?, bool> Settings => new()
    {
        { "bilinear-32.u8", PreprocessorConfig.Bilinear, null, false },
        { "bicubic-32.u8", PreprocessorConfig.Bicubic, null, false },
        { "bicubic-shortest-36-crop-32.u8", PreprocessorConfig.Bicubic, 36, true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Resized_images_match_PIL_within_one_grey_level(string reference, int resample, int? shortestEdge, bool crop)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "PruneTask.Engine.Tests", "Calibration", "Images", "PilReference");
        var config = PreprocessorConfig.Default(Input) with
        {
            Resample = resample,
            ShortestEdge = shortestEdge,
            DoCenterCrop = crop,
            DoRescale = false,
            DoNormalize = false,
        };
        var preprocessor = new ImagePreprocessor(config);
        var expected = File.ReadAllBytes(Path.Combine(folder, reference));
        var images = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, images.Count);

        for (var i = 0; i < images.Count; i++)
        {
            var image = ImageFileDecoder.Decode(images[i], File.ReadAllBytes(images[i]));
            var values = preprocessor.Apply(images[i], image.Rgb, image.Width, image.Height);
            var pil = expected.AsSpan(i * values.Length, values.Length).ToArray();
            var differences = values.Select((v, j) => Math.Abs(v - pil[j])).ToList();
            var equal = differences.Count(d => d == 0) / (double)values.Length;

            Assert.True(
                differences.Max() <= 1 && equal >= 0.95,
                $"{Path.GetFileName(images[i])}: largest difference {differences.Max()} grey levels, {equal:P1} of values equal to PIL's");
        }
    }
}
