using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration.Images;

public sealed class ImageDataLoaderTests : IDisposable
{
    private static readonly ImageShape Input = new(3, 32, 32);
    private readonly string _root = Directory.CreateTempSubdirectory("prune-images-").FullName;

    [Fact]
    public void A_npy_file_gives_its_first_images_in_order_without_labels()
    {
        using var pixels = PixelFiles.Random(5);
        var path = PixelFiles.Npy(Path.Combine(_root, "pixels.npy"), pixels);

        var set = Load(path, samples: 3);

        Assert.Equal(3, set.Samples);
        Assert.Null(set.Labels);
        using var loaded = set.ToTensor();
        Assert.True(loaded.eq(pixels.narrow(0, 0, 3)).all().item<bool>());
    }

    [Fact]
    public void A_safetensors_file_gives_pixel_values_and_labels_and_all_images_for_zero_samples()
    {
        using var pixels = PixelFiles.Random(4);
        using var labels = torch.tensor(new long[] { 3, 1, 4, 1 });
        var path = PixelFiles.Safetensors(Path.Combine(_root, "images.safetensors"), pixels, labels);

        var set = Load(path, samples: 0);

        Assert.Equal(4, set.Samples);
        Assert.Equal([3L, 1, 4, 1], set.Labels);
        using var loaded = set.ToTensor();
        Assert.True(loaded.eq(pixels).all().item<bool>());
    }

    [Fact]
    public void The_fingerprint_follows_the_pixels_and_labels_not_the_file_format()
    {
        using var pixels = PixelFiles.Random(2);
        var npy = Load(PixelFiles.Npy(Path.Combine(_root, "a.npy"), pixels), 0);
        var safetensors = Load(PixelFiles.Safetensors(Path.Combine(_root, "a.safetensors"), pixels), 0);
        using var labels = torch.tensor(new long[] { 0, 1 });
        var labelled = Load(PixelFiles.Safetensors(Path.Combine(_root, "b.safetensors"), pixels, labels), 0);
        using var other = PixelFiles.Random(2, seed: 2);
        var changed = Load(PixelFiles.Npy(Path.Combine(_root, "c.npy"), other), 0);

        Assert.Equal(npy.Fingerprint, safetensors.Fingerprint);
        Assert.NotEqual(npy.SourceSha256, safetensors.SourceSha256);
        Assert.NotEqual(npy.Fingerprint, labelled.Fingerprint);
        Assert.NotEqual(npy.Fingerprint, changed.Fingerprint);
    }

    [Fact]
    public void Images_of_another_size_are_rejected_with_both_shapes()
    {
        using var pixels = PixelFiles.Random(2, size: 24);
        var path = PixelFiles.Npy(Path.Combine(_root, "small.npy"), pixels);

        var error = Assert.Throws<CalibrationDataException>(() => Load(path, 1));

        Assert.Contains("[2, 3, 24, 24]", error.Reason, StringComparison.Ordinal);
        Assert.Contains("[images, 3, 32, 32]", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_more_images_than_the_file_holds_is_an_error()
    {
        using var pixels = PixelFiles.Random(2);
        var path = PixelFiles.Npy(Path.Combine(_root, "two.npy"), pixels);

        var error = Assert.Throws<CalibrationDataException>(() => Load(path, 3));

        Assert.Contains("holds 2 images, fewer than the 3", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pixels.bin", "extension")]
    [InlineData("no-pixels.safetensors", "pixel_values")]
    [InlineData("ints.npy", "float32")]
    public void Files_without_pixel_values_are_rejected(string name, string expected)
    {
        var path = Path.Combine(_root, name);
        using var ids = torch.ones(2, 3, 32, 32, dtype: torch.int32);
        switch (Path.GetExtension(name))
        {
            case ".bin":
                File.WriteAllBytes(path, new byte[16]);
                break;
            case ".safetensors":
                SafetensorsWriter.Write(path, [SafetensorsEntry.FromTensor("input_ids", ids)]);
                break;
            default:
                File.WriteAllBytes(path, Data.NpyTestFile.Create("<i4", "(2, 3, 32, 32)", new byte[2 * 3 * 32 * 32 * 4]));
                break;
        }

        var error = Assert.Throws<CalibrationDataException>(() => Load(path, 1));

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static PixelSet Load(string path, int samples) => ImageDataLoader.Load(new ImageDataOptions { Path = path, Samples = samples, Input = Input });
}
