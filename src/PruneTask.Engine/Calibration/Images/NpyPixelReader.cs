using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Reads pixel values from a NumPy <c>.npy</c> file (format versions 1–3): little-endian float32 (<c>&lt;f4</c>) in C order,
/// shaped [images, channels, height, width].
/// </summary>
internal static partial class NpyPixelReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static PixelArray Read(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new CalibrationDataException(path, "is not a .npy file (no \\x93NUMPY magic).");
        }

        var (headerStart, headerLength) = bytes[6] switch
        {
            1 => (10, (int)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2))),
            2 or 3 when bytes.Length >= 12 => (12, (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8, 4)), int.MaxValue)),
            var major => throw new CalibrationDataException(path, $".npy format version {major} is not supported (1, 2 or 3)."),
        };
        if ((long)headerStart + headerLength > bytes.Length)
        {
            throw new CalibrationDataException(path, "the .npy header runs past the end of the file.");
        }

        var header = Encoding.UTF8.GetString(bytes, headerStart, headerLength);
        var shape = ParseHeader(path, header);
        var data = bytes.AsSpan(headerStart + headerLength);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count > Array.MaxLength || count * sizeof(float) > data.Length)
        {
            throw new CalibrationDataException(path, $"the file holds {data.Length} data bytes, fewer than the {count} × 4 its shape needs.");
        }

        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * sizeof(float), sizeof(float)));
        }

        return new PixelArray(values, shape, null);
    }

    private static long[] ParseHeader(string path, string header)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new CalibrationDataException(path, $"the .npy header is malformed: {header.Trim()}");
        }

        if (descr.Groups[1].Value != "<f4" || fortran.Groups[1].Value == "True")
        {
            throw new CalibrationDataException(
                path, $"pixel values must be little-endian float32 ('<f4') in C order, not '{descr.Groups[1].Value}'{(fortran.Groups[1].Value == "True" ? " in Fortran order" : "")}.");
        }

        return shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new CalibrationDataException(path, $"the .npy shape entry '{d}' is not a size."))
            .ToArray();
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
