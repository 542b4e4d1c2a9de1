using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Reads integer token arrays from NumPy <c>.npy</c> files (format versions 1–3): the magic <c>\x93NUMPY</c>, a version,
/// a little-endian header length (2 bytes in version 1, 4 after), a Python dict literal with <c>descr</c>,
/// <c>fortran_order</c> and <c>shape</c>, then the data. Accepts little-endian int32 (<c>&lt;i4</c>) and int64
/// (<c>&lt;i8</c>) in C order with 1 or 2 dimensions.
/// </summary>
internal static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static TokenArray Read(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new CalibrationDataException(path, "is not a .npy file (no \\x93NUMPY magic).");
        }

        var major = bytes[6];
        var (headerStart, headerLength) = major switch
        {
            1 => (10, (long)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2))),
            2 or 3 when bytes.Length >= 12 => (12, (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8, 4))),
            _ => throw new CalibrationDataException(path, $".npy format version {major} is not supported (1, 2 or 3)."),
        };
        if (headerStart + headerLength > bytes.Length)
        {
            throw new CalibrationDataException(path, "the .npy header runs past the end of the file.");
        }

        var header = Encoding.UTF8.GetString(bytes, headerStart, (int)headerLength);
        var (itemSize, shape) = ParseHeader(path, header);
        return new TokenArray(ReadData(path, bytes.AsSpan(headerStart + (int)headerLength), itemSize, shape), shape);
    }

    private static (int ItemSize, int[] Shape) ParseHeader(string path, string header)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
        {
            throw new CalibrationDataException(path, $"the .npy header is malformed: {header.Trim()}");
        }

        if (fortran.Groups[1].Value == "True")
        {
            throw new CalibrationDataException(path, "the array is stored in Fortran order; save it in C order (numpy.ascontiguousarray).");
        }

        var itemSize = descr.Groups[1].Value switch
        {
            "<i4" => 4,
            "<i8" => 8,
            var other => throw new CalibrationDataException(path, $"dtype '{other}' is not supported: token ids must be little-endian int32 ('<i4') or int64 ('<i8')."),
        };
        var dims = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (dims.Length is not (1 or 2))
        {
            throw new CalibrationDataException(path, $"the array has shape ({shapeMatch.Groups[1].Value}); expected 1 dimension (a token stream) or 2 ([samples, sequence_length]).");
        }

        var shape = dims.Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CalibrationDataException(path, $"the .npy shape entry '{d}' is not a supported size.")).ToArray();
        return (itemSize, shape);
    }

    private static long[] ReadData(string path, ReadOnlySpan<byte> data, int itemSize, int[] shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count > Array.MaxLength || count * itemSize > data.Length)
        {
            throw new CalibrationDataException(path, $"the file holds {data.Length} data bytes, fewer than the {count} × {itemSize} its shape needs.");
        }

        var ids = new long[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = itemSize == 8
                ? BinaryPrimitives.ReadInt64LittleEndian(data.Slice(i * 8, 8))
                : BinaryPrimitives.ReadInt32LittleEndian(data.Slice(i * 4, 4));
        }

        return ids;
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
