using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Calibration.Images;

public sealed class ImagePreprocessorTests
{
    [Theory]
    [InlineData(PreprocessorConfig.Bilinear)]
    [InlineData(PreprocessorConfig.Bicubic)]
    public void A_solid_colour_image_becomes_its_rescaled_normalised_colour_at_every_pixel(int resample)
    {
        double[] mean = [0.485, 0.456, 0.406];
        double[] std = [0.229, 0.224, 0.225];
        var config = PreprocessorConfig.Default(new ImageShape(3, 8, 8)) with { Resample = resample, ImageMean = mean, ImageStd = std };

        var values = new ImagePreprocessor(config).Apply("solid.png", ImageFiles.Solid(13, 5, 200, 17, 90), 13, 5);

        Assert.Equal(3 * 8 * 8, values.Length);
        byte[] colour = [200, 17, 90];
        for (var c = 0; c < 3; c++)
        {
            var expected = (float)((colour[c] * (1.0 / 255) - mean[c]) / std[c]);
            Assert.All(values.Skip(c * 64).Take(64), v => Assert.Equal(expected, v));
        }
    }

    [Fact]
    public void Without_a_preprocessor_config_values_are_rescaled_by_1_over_255_and_normalised_with_mean_and_std_one_half()
    {
        var values = new ImagePreprocessor(PreprocessorConfig.Default(new ImageShape(3, 1, 2))).Apply("two.png", [0, 51, 255, 255, 102, 0], 2, 1);

        Assert.Equal([-1f, 1f, 0.2f * 2 - 1, 0.4f * 2 - 1, 1f, -1f], values, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Bilinear_upscaling_2x2_to_4x4_interpolates_between_pixel_centres_as_PIL_does()
    {
        // Red corners 0, 160 (top row) and 80, 240 (bottom row); green is 255 - red; blue is 7 everywhere.
        byte[] rgb = [0, 255, 7, 160, 95, 7, 80, 175, 7, 240, 15, 7];
        var config = Raw(height: 4, width: 4);

        var values = new ImagePreprocessor(config).Apply("corners.png", rgb, 2, 2);

        float[] red = [0, 40, 120, 160, 20, 60, 140, 180, 60, 100, 180, 220, 80, 120, 200, 240];
        Assert.Equal(red, values[..16]);
        Assert.Equal(red.Select(v => 255 - v), values[16..32]);
        Assert.All(values[32..], v => Assert.Equal(7f, v));
    }

    [Fact]
    public void Bilinear_downscaling_is_antialiased_as_PIL_does_not_a_two_tap_average()
    {
        // One row 0, 70, 140, 210 halved: PIL's triangle filter stretched to the scale weighs 3/7, 3/7, 1/7 (50 and
        // 160); plain bilinear interpolation would give 35 and 175.
        byte[] row = [0, 70, 140, 210];
        var rgb = row.Concat(row).SelectMany(v => new[] { v, v, v }).ToArray();

        var values = new ImagePreprocessor(Raw(height: 2, width: 2)).Apply("row.png", rgb, 4, 2);

        Assert.Equal([50f, 160f, 50f, 160f], values[..4]);
    }

    [Fact]
    public void The_center_crop_takes_the_middle_rounding_the_offset_down()
    {
        // Red is 10 * row + column on a 5 × 6 image; a 2 × 2 crop starts at row (5 - 2) / 2 = 1, column (6 - 2) / 2 = 2.
        var rgb = Enumerable.Range(0, 30).SelectMany(i => new[] { (byte)(10 * (i / 6) + i % 6), (byte)0, (byte)0 }).ToArray();
        var config = Raw(height: 0, width: 0) with { DoResize = false, DoCenterCrop = true, CropHeight = 2, CropWidth = 2 };

        var preprocessor = new ImagePreprocessor(config);
        var values = preprocessor.Apply("grid.png", rgb, 6, 5);

        Assert.Equal(new ImageShape(3, 2, 2), preprocessor.OutputShape(5, 6));
        Assert.Equal([12f, 13f, 22f, 23f], values[..4]);
    }

    [Theory]
    [InlineData(480, 640, 256, 341)]
    [InlineData(640, 480, 341, 256)]
    [InlineData(300, 300, 256, 256)]
    public void Shortest_edge_resizing_keeps_the_aspect_ratio_and_truncates_the_long_side(int height, int width, int expectedHeight, int expectedWidth)
    {
        var config = PreprocessorConfig.Default(new ImageShape(3, 224, 224)) with { ShortestEdge = 256 };

        Assert.Equal((expectedHeight, expectedWidth), config.ResizedSize(height, width));
    }

    [Fact]
    public void Shortest_edge_resizing_then_the_center_crop_gives_the_crop_size()
    {
        var config = PreprocessorConfig.Default(new ImageShape(3, 4, 4)) with { ShortestEdge = 6, DoCenterCrop = true, CropHeight = 4, CropWidth = 4 };
        var preprocessor = new ImagePreprocessor(config);

        var values = preprocessor.Apply("wide.png", ImageFiles.Solid(20, 10, 255, 0, 255), 20, 10);

        Assert.Equal(new ImageShape(3, 4, 4), preprocessor.OutputShape(10, 20));
        Assert.Equal(48, values.Length);
        Assert.All(values[..16], v => Assert.Equal(1f, v));
    }

    /// <summary>Resize only (bilinear): no rescale, no normalisation, so values stay 0–255.</summary>
    private static PreprocessorConfig Raw(int height, int width) =>
        PreprocessorConfig.Default(new ImageShape(3, height, width)) with { DoRescale = false, DoNormalize = false };
}
