using System.Buffers.Binary;
using System.Text;

namespace PruneTask.Engine.Tests.IO;

/// <summary>Writes safetensors files byte by byte, so tests can build valid and deliberately broken files alike.</summary>
public static class RawSafetensors
{
    /// <summary>Writes the 8-byte header length (the true one unless overridden), the header bytes and the data.</summary>
    public static string Write(string path, byte[] header, byte[] data, ulong? declaredHeaderLength = null)
    {
        using var stream = File.Create(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, declaredHeaderLength ?? (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        stream.Write(data);
        return path;
    }

    public static string Write(string path, string header, byte[] data) =>
        Write(path, Encoding.UTF8.GetBytes(header), data);

    /// <summary>A header entry as JSON text: <c>"name":{"dtype":..,"shape":[..],"data_offsets":[begin,end]}</c>.</summary>
    public static string Entry(string name, string dtype, long[] shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{end}]}}";

    public static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + 3)).ToArray();
}
