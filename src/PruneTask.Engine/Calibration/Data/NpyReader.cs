using System.Buffers.Binary;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Reads integer token arrays from NumPy <c>.npy</c> files (<see cref="NpyHeader"/>): little-endian int32 (<c>&lt;i4</c>)
/// and int64 (<c>&lt;i8</c>) in C order with 1 or 2 dimensions.
/// </summary>
internal static class NpyReader
{
    public static TokenArray Read(string path, byte[] bytes)
    {
        var header = NpyHeader.Read(path, bytes);
        if (header.FortranOrder)
        {
            throw new CalibrationDataException(path, "the array is stored in Fortran order; save it in C order (numpy.ascontiguousarray).");
        }

        var itemSize = header.Descr switch
        {
            "<i4" => 4,
            "<i8" => 8,
            var other => throw new CalibrationDataException(path, $"dtype '{other}' is not supported: token ids must be little-endian int32 ('<i4') or int64 ('<i8')."),
        };
        if (header.Shape.Length is not (1 or 2))
        {
            throw new CalibrationDataException(path, $"the array has shape ({string.Join(", ", header.Shape)}); expected 1 dimension (a token stream) or 2 ([samples, sequence_length]).");
        }

        var shape = header.Shape.Select(d => d <= int.MaxValue
            ? (int)d
            : throw new CalibrationDataException(path, $"the .npy shape entry '{d}' is not a supported size.")).ToArray();
        var data = header.Data(path, bytes, itemSize);
        var ids = new long[header.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = itemSize == 8
                ? BinaryPrimitives.ReadInt64LittleEndian(data.Slice(i * 8, 8))
                : BinaryPrimitives.ReadInt32LittleEndian(data.Slice(i * 4, 4));
        }

        return new TokenArray(ids, shape);
    }
}
