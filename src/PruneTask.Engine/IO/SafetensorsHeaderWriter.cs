using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PruneTask.Engine.IO;

/// <summary>
/// Builds the first bytes of a safetensors file: the 8-byte little-endian header length, then compact JSON with
/// <c>__metadata__</c> first (keys in ordinal order) and the tensors in the order given, padded with spaces to a multiple of 8.
/// </summary>
internal static class SafetensorsHeaderWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, Options))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
                WriteMetadata(writer, metadata);
            WriteEntries(writer, entries);
            writer.WriteEndObject();
        }
        var paddedLength = (json.WrittenCount + 7) / 8 * 8;
        if (paddedLength > SafetensorsFile.MaxHeaderLength)
            throw new InvalidOperationException($"the header would be {paddedLength} bytes, over the 100 MB readers accept");
        var header = new byte[sizeof(ulong) + paddedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)paddedLength);
        json.WrittenSpan.CopyTo(header.AsSpan(sizeof(ulong)));
        header.AsSpan(sizeof(ulong) + json.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteMetadata(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> metadata)
    {
        writer.WriteStartObject(SafetensorsHeaderParser.MetadataKey);
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    private static void WriteEntries(Utf8JsonWriter writer, IReadOnlyList<SafetensorsEntry> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var entry in entries)
        {
            if (entry.Name == SafetensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"'{entry.Name}' is reserved and cannot name a tensor", nameof(entries));
            if (!names.Add(entry.Name))
                throw new ArgumentException($"tensor '{entry.Name}' is given twice", nameof(entries));
            writer.WriteStartObject(entry.Name);
            writer.WriteString("dtype", entry.Dtype.ToString());
            writer.WriteStartArray("shape");
            foreach (var size in entry.Shape)
                writer.WriteNumberValue(size);
            writer.WriteEndArray();
            writer.WriteStartArray("data_offsets");
            writer.WriteNumberValue(offset);
            offset = checked(offset + entry.ByteLength);
            writer.WriteNumberValue(offset);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
