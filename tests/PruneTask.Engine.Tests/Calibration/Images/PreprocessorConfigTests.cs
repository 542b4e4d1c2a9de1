using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Calibration.Images;

public sealed class PreprocessorConfigTests
{
    private static readonly ImageShape Input = new(3, 32, 32);

    [Fact]
    public void Without_the_file_the_defaults_are_ViTs_at_the_models_image_size()
    {
        var folder = Directory.CreateTempSubdirectory("prune-preprocessor-").FullName;
        try
        {
            var config = PreprocessorConfig.Load(folder, Input);

            Assert.True(config.DoResize && config.DoRescale && config.DoNormalize && !config.DoCenterCrop);
            Assert.Equal((32, 32), (config.ResizeHeight, config.ResizeWidth));
            Assert.Equal(PreprocessorConfig.Bilinear, config.Resample);
            Assert.Equal(1.0 / 255, config.RescaleFactor);
            Assert.Equal([0.5, 0.5, 0.5], config.ImageMean);
            Assert.Equal([0.5, 0.5, 0.5], config.ImageStd);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_DINOv2_BitImageProcessor_config_resizes_the_shortest_edge_bicubic_then_crops()
    {
        var config = Parse("""
            {
              "crop_size": {"height": 224, "width": 224},
              "do_center_crop": true,
              "do_convert_rgb": true,
              "do_normalize": true,
              "do_rescale": true,
              "do_resize": true,
              "image_mean": [0.485, 0.456, 0.406],
              "image_processor_type": "BitImageProcessor",
              "image_std": [0.229, 0.224, 0.225],
              "resample": 3,
              "rescale_factor": 0.00392156862745098,
              "size": {"shortest_edge": 256}
            }
            """);

        Assert.Equal(256, config.ShortestEdge);
        Assert.Equal(PreprocessorConfig.Bicubic, config.Resample);
        Assert.True(config.DoCenterCrop);
        Assert.Equal((224, 224), (config.CropHeight, config.CropWidth));
        Assert.Equal(0.00392156862745098, config.RescaleFactor);
        Assert.Equal([0.485, 0.456, 0.406], config.ImageMean);
        Assert.Equal([0.229, 0.224, 0.225], config.ImageStd);
    }

    [Theory]
    [InlineData("""{"size": 224}""", 224, 224, null)]
    [InlineData("""{"size": {"height": 48, "width": 40}}""", 48, 40, null)]
    [InlineData("""{"size": 256, "image_processor_type": "BitImageProcessor"}""", 32, 32, 256)]
    public void Size_is_height_and_width_one_number_or_the_shortest_edge(string json, int height, int width, int? shortestEdge)
    {
        var config = Parse(json);

        Assert.Equal((height, width, shortestEdge), (config.ResizeHeight, config.ResizeWidth, config.ShortestEdge));
    }

    [Theory]
    [InlineData("""{"resample": 1}""", "'resample' is 1")]
    [InlineData("""{"size": {"longest_edge": 10}}""", "'size' must be")]
    [InlineData("""{"image_mean": [0.5, 0.5]}""", "'image_mean' must be")]
    [InlineData("""{"do_resize": "yes"}""", "'do_resize' must be true or false")]
    [InlineData("""{"image_std": 0}""", "'image_std' must not hold 0")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"size": """, "not valid JSON")]
    public void Unsupported_or_ill_typed_settings_are_errors_naming_the_key(string json, string expected)
    {
        var error = Assert.Throws<CalibrationDataException>(() => Parse(json));

        Assert.Equal("model/preprocessor_config.json", error.FilePath);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canonical_form_changes_with_every_setting()
    {
        var defaults = PreprocessorConfig.Default(Input);
        PreprocessorConfig[] variants =
        [
            defaults with { DoResize = false },
            defaults with { ResizeHeight = 31 },
            defaults with { ShortestEdge = 32 },
            defaults with { Resample = PreprocessorConfig.Bicubic },
            defaults with { DoCenterCrop = true },
            defaults with { CropWidth = 30 },
            defaults with { DoRescale = false },
            defaults with { RescaleFactor = 1.0 / 256 },
            defaults with { DoNormalize = false },
            defaults with { ImageMean = [0.5, 0.5, 0.4] },
            defaults with { ImageStd = [0.5, 0.6, 0.5] },
        ];

        var forms = variants.Select(v => v.Canonical()).Append(defaults.Canonical()).ToList();

        Assert.Equal(forms.Count, forms.Distinct(StringComparer.Ordinal).Count());
    }

    private static PreprocessorConfig Parse(string json) => PreprocessorConfig.Parse("model/preprocessor_config.json", json, Input);
}
