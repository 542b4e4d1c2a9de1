using System.Buffers.Binary;
using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Reads pixel values from a NumPy <c>.npy</c> file (<see cref="NpyHeader"/>): little-endian float32 (<c>&lt;f4</c>) in C
/// order, shaped [images, channels, height, width].
/// </summary>
internal static class NpyPixelReader
{
    public static PixelArray Read(string path, byte[] bytes)
    {
        var header = NpyHeader.Read(path, bytes);
        if (header.Descr != "<f4" || header.FortranOrder)
        {
            throw new CalibrationDataException(
                path, $"pixel values must be little-endian float32 ('<f4') in C order, not '{header.Descr}'{(header.FortranOrder ? " in Fortran order" : "")}.");
        }

        var data = header.Data(path, bytes, sizeof(float));
        var values = new float[header.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * sizeof(float), sizeof(float)));
        }

        return new PixelArray(values, header.Shape, null);
    }
}
