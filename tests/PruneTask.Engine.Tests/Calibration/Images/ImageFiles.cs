using StbImageWriteSharp;

namespace PruneTask.Engine.Tests.Calibration.Images;

/// <summary>Writes PNG and JPEG files (StbImageWriteSharp) from RGB bytes, row by row, for image folder tests.</summary>
internal static class ImageFiles
{
    public static byte[] Solid(int width, int height, byte red, byte green, byte blue) =>
        [.. Enumerable.Range(0, width * height).SelectMany(_ => new[] { red, green, blue })];

    /// <summary>Seeded random RGB bytes.</summary>
    public static byte[] Random(int width, int height, int seed)
    {
        var bytes = new byte[width * height * 3];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Png(string path, byte[] rgb, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, stream);
        return path;
    }

    public static string Jpeg(string path, byte[] rgb, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        new ImageWriter().WriteJpg(rgb, width, height, ColorComponents.RedGreenBlue, stream, quality: 100);
        return path;
    }
}
