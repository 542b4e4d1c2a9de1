using System.Runtime.InteropServices;
using PruneTask.Engine.IO;
using PruneTask.Engine.Tests.Calibration.Data;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration.Images;

/// <summary>Writes pixel-value files as NumPy and safetensors would, for loader and pipeline tests.</summary>
internal static class PixelFiles
{
    /// <summary>Seeded standard-normal pixels [images, channels, size, size].</summary>
    public static torch.Tensor Random(int images, int size = 32, int seed = 1, int channels = 3) =>
        torch.randn(images, channels, size, size, generator: new torch.Generator((ulong)seed));

    public static string Npy(string path, torch.Tensor pixels)
    {
        var values = pixels.contiguous().data<float>().ToArray();
        var shape = $"({string.Join(", ", pixels.shape)})";
        File.WriteAllBytes(path, NpyTestFile.Create("<f4", shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return path;
    }

    public static string Safetensors(string path, torch.Tensor pixels, torch.Tensor? labels = null)
    {
        var entries = new List<SafetensorsEntry> { SafetensorsEntry.FromTensor("pixel_values", pixels) };
        if (labels is not null)
        {
            entries.Add(SafetensorsEntry.FromTensor("labels", labels));
        }

        SafetensorsWriter.Write(path, entries);
        return path;
    }
}
