using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>The content hash of a <see cref="PixelSet"/> (its summary gives the canonical form).</summary>
internal static class PixelFingerprint
{
    public static string Of(float[] pixels, ImageShape shape, int samples, long[]? labels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = string.Create(
            CultureInfo.InvariantCulture, $"prunetask-pixels 1 {samples} {shape.Channels} {shape.Height} {shape.Width} {(labels is null ? 0 : 1)}\n");
        hash.AppendData(Encoding.UTF8.GetBytes(header));
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(pixels.AsSpan()));
        }
        else
        {
            Span<byte> buffer = stackalloc byte[sizeof(float)];
            foreach (var value in pixels)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
                hash.AppendData(buffer);
            }
        }

        Span<byte> label = stackalloc byte[sizeof(long)];
        foreach (var value in labels ?? [])
        {
            BinaryPrimitives.WriteInt64LittleEndian(label, value);
            hash.AppendData(label);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
