using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1–3): the magic <c>\x93NUMPY</c>, a version, a little-endian
/// header length (2 bytes in version 1, 4 after), then a Python dict literal with <c>descr</c>, <c>fortran_order</c> and
/// <c>shape</c>; the data follows at <see cref="DataOffset"/>. Readers check the dtype and rank they accept.
/// </summary>
internal sealed partial record NpyHeader(string Descr, bool FortranOrder, long[] Shape, int DataOffset)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    public static NpyHeader Read(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new CalibrationDataException(path, "is not a .npy file (no \\x93NUMPY magic).");
        }

        var (headerStart, headerLength) = bytes[6] switch
        {
            1 => (10, (long)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2))),
            2 or 3 when bytes.Length >= 12 => (12, (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8, 4))),
            var major => throw new CalibrationDataException(path, $".npy format version {major} is not supported (1, 2 or 3)."),
        };
        if (headerStart + headerLength > bytes.Length)
        {
            throw new CalibrationDataException(path, "the .npy header runs past the end of the file.");
        }

        var header = Encoding.UTF8.GetString(bytes, headerStart, (int)headerLength);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new CalibrationDataException(path, $"the .npy header is malformed: {header.Trim()}");
        }

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new CalibrationDataException(path, $"the .npy shape entry '{d}' is not a size."))
            .ToArray();
        return new NpyHeader(descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims, headerStart + (int)headerLength);
    }

    /// <summary>The data bytes, checked to hold <see cref="Count"/> items of <paramref name="itemSize"/> bytes.</summary>
    public ReadOnlySpan<byte> Data(string path, byte[] bytes, int itemSize)
    {
        var data = bytes.AsSpan(DataOffset);
        if (Count > Array.MaxLength || Count * itemSize > data.Length)
        {
            throw new CalibrationDataException(path, $"the file holds {data.Length} data bytes, fewer than the {Count} × {itemSize} its shape needs.");
        }

        return data;
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
