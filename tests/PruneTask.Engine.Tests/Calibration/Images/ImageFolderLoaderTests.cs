using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Calibration.Images;

/// <summary>Image folders through <see cref="ImageDataLoader"/>: layout, order, labels, errors, fingerprints.</summary>
public sealed class ImageFolderLoaderTests : IDisposable
{
    private static readonly ImageShape Input = new(3, 4, 4);
    private readonly string _root = Directory.CreateTempSubdirectory("prune-image-folder-").FullName;

    private string Images => Path.Combine(_root, "images");

    private string Model => Path.Combine(_root, "model");

    public ImageFolderLoaderTests() => Directory.CreateDirectory(Model);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Class_folders_give_labels_in_ordinal_order_and_images_class_by_class_in_file_name_order()
    {
        // Ordinal order: "C-bird" < "a-cat" < "b-dog"; "10.png" < "2.png". Each image's red value tells it apart.
        Solid("b-dog/2.png", 40);
        Solid("b-dog/10.png", 30);
        Solid("a-cat/x.PNG", 20);
        Solid("C-bird/only.png", 10);
        File.WriteAllText(Path.Combine(Images, "a-cat", "notes.txt"), "not an image");
        Solid(".thumbnails/skipped.png", 99);

        var firstThree = Load(samples: 3);
        var all = Load(samples: 0);

        Assert.Equal([0L, 1, 2], firstThree.Labels);
        Assert.Equal([10, 20, 30], Reds(firstThree));
        Assert.Equal([0L, 1, 2, 2], all.Labels);
        Assert.Equal([10, 20, 30, 40], Reds(all));
    }

    [Fact]
    public void Label2id_maps_class_folders_when_it_names_every_one_else_the_sorted_index_is_used()
    {
        Solid("a-cat/1.png", 10);
        Solid("b-dog/1.png", 20);
        File.WriteAllText(Path.Combine(Model, "config.json"), """{"label2id": {"b-dog": 3, "a-cat": 7, "fish": 0}}""");
        var mapped = Load(samples: 0);
        File.WriteAllText(Path.Combine(Model, "config.json"), """{"label2id": {"a-cat": 7}}""");
        var partial = Load(samples: 0);

        Assert.Equal([7L, 3], mapped.Labels);
        Assert.Equal([0L, 1], partial.Labels);
    }

    [Fact]
    public void A_flat_folder_gives_its_images_in_file_name_order_without_labels()
    {
        Solid("b.png", 20);
        Solid("a.jpeg", 10);
        Solid("c.JPG", 30);

        var set = Load(samples: 2);

        Assert.Null(set.Labels);
        Assert.Equal(2, set.Samples);
        Assert.Equal([10, 20], Reds(set));
    }

    [Fact]
    public void A_JPEG_image_decodes_to_its_colour()
    {
        ImageFiles.Jpeg(Path.Combine(Images, "a.jpg"), ImageFiles.Solid(8, 8, 200, 100, 50), 8, 8);

        using var pixels = Load(samples: 1).ToTensor();
        var values = pixels.data<float>().ToArray();

        float[] expected = [.. new[] { 200, 100, 50 }.SelectMany(c => Enumerable.Repeat((float)(c / 255.0 * 2 - 1), 16))];
        Assert.Equal(expected, values, (a, b) => Math.Abs(a - b) <= 2 * 2 / 255f);
    }

    [Fact]
    public void A_corrupt_image_is_an_error_naming_the_file()
    {
        Solid("a.png", 10);
        var corrupt = Path.Combine(Images, "b.png");
        File.WriteAllBytes(corrupt, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

        var error = Assert.Throws<CalibrationDataException>(() => Load(samples: 2));

        Assert.Equal(corrupt, error.FilePath);
        Assert.Contains("b.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable PNG or JPEG image", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_that_preprocessing_does_not_bring_to_the_models_size_are_an_error_with_both_shapes()
    {
        Solid("a.png", 10, width: 6, height: 5);
        File.WriteAllText(Path.Combine(Model, PreprocessorConfig.FileName), """{"do_resize": false}""");

        var error = Assert.Throws<CalibrationDataException>(() => Load(samples: 1));

        Assert.EndsWith("a.png", error.FilePath, StringComparison.Ordinal);
        Assert.Contains("preprocessing makes it [3, 5, 6], but the model takes [3, 4, 4]", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_any_size_are_resized_to_the_models()
    {
        Solid("a.png", 10, width: 9, height: 7);

        var set = Load(samples: 1);
        using var pixels = set.ToTensor();

        Assert.Equal([1L, 3, 4, 4], pixels.shape);
        Assert.Equal([10], Reds(set));
    }

    [Theory]
    [InlineData(false, "holds no images")]
    [InlineData(true, "images outside them (loose.png)")]
    public void Empty_or_mixed_folders_are_errors(bool mixed, string expected)
    {
        Directory.CreateDirectory(Path.Combine(Images, "cat"));
        if (mixed)
        {
            Solid("cat/1.png", 10);
            Solid("loose.png", 20);
        }

        var error = Assert.Throws<CalibrationDataException>(() => Load(samples: 0));

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_more_images_than_the_folder_holds_is_an_error()
    {
        Solid("a.png", 10);

        var error = Assert.Throws<CalibrationDataException>(() => Load(samples: 2));

        Assert.Contains("holds 1 images, fewer than the 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_one_used_image_or_the_preprocessing_changes_the_fingerprint_and_the_source_hash()
    {
        Solid("cat/1.png", 10);
        Solid("cat/2.png", 20);
        Solid("dog/1.png", 30);
        var before = Load(samples: 2);

        Solid("cat/2.png", 21);
        var imageChanged = Load(samples: 2);
        Solid("cat/2.png", 20);
        var restored = Load(samples: 2);
        File.WriteAllText(Path.Combine(Model, PreprocessorConfig.FileName), """{"image_mean": [0.5, 0.5, 0.4]}""");
        var configChanged = Load(samples: 2);

        Assert.Equal(before.Fingerprint, restored.Fingerprint);
        Assert.Equal(before.SourceSha256, restored.SourceSha256);
        Assert.NotEqual(before.Fingerprint, imageChanged.Fingerprint);
        Assert.NotEqual(before.SourceSha256, imageChanged.SourceSha256);
        Assert.NotEqual(before.Fingerprint, configChanged.Fingerprint);
        Assert.NotEqual(before.SourceSha256, configChanged.SourceSha256);
    }

    [Fact]
    public void The_source_hash_covers_every_image_file_and_its_path_the_fingerprint_only_what_the_model_sees()
    {
        Solid("cat/1.png", 10);
        Solid("dog/1.png", 30);
        var before = Load(samples: 1);

        Solid("dog/1.png", 31);
        var unusedChanged = Load(samples: 1);
        File.Move(Path.Combine(Images, "cat", "1.png"), Path.Combine(Images, "cat", "0.png"));
        var renamed = Load(samples: 1);

        Assert.Equal(before.Fingerprint, unusedChanged.Fingerprint);
        Assert.NotEqual(before.SourceSha256, unusedChanged.SourceSha256);
        Assert.Equal(before.Fingerprint, renamed.Fingerprint);
        Assert.NotEqual(unusedChanged.SourceSha256, renamed.SourceSha256);
    }

    private PixelSet Load(int samples) =>
        ImageDataLoader.Load(new ImageDataOptions { Path = Images, Samples = samples, Input = Input, ModelDirectory = Model });

    private void Solid(string relativePath, byte red, int width = 4, int height = 4) =>
        ImageFiles.Png(Path.Combine(Images, relativePath), ImageFiles.Solid(width, height, red, 0, 0), width, height);

    /// <summary>The red value (0–255) each image was written with, read back from its first normalised pixel.</summary>
    private static int[] Reds(PixelSet set)
    {
        using var pixels = set.ToTensor();
        var values = pixels.data<float>().ToArray();
        return [.. Enumerable.Range(0, set.Samples).Select(i => (int)Math.Round((values[i * 48] + 1) / 2 * 255))];
    }
}
