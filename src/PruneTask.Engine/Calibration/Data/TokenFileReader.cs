using System.Buffers.Binary;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>Reads token-id files: <c>.bin</c> (a flat stream of little-endian int64) and <c>.npy</c> (see <see cref="NpyReader"/>).</summary>
internal static class TokenFileReader
{
    public static TokenArray Read(string path, byte[] bytes) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".bin" => ReadBin(path, bytes),
            ".npy" => NpyReader.Read(path, bytes),
            var other => throw new ArgumentException($"{other} is not a token file extension.", nameof(path)),
        };

    private static TokenArray ReadBin(string path, byte[] bytes)
    {
        if (bytes.Length % sizeof(long) != 0)
        {
            throw new CalibrationDataException(path, $"a .bin token file holds little-endian int64 ids, but its {bytes.Length} bytes are not a multiple of 8.");
        }

        var ids = new long[bytes.Length / sizeof(long)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long), sizeof(long)));
        }

        return new TokenArray(ids, [ids.Length]);
    }
}

/// <summary>Token ids read from a file: a flat stream (shape [n]) or ready-made sequences (shape [rows, columns]).</summary>
internal sealed record TokenArray(long[] Ids, int[] Shape)
{
    public bool IsSequences => Shape.Length == 2;
}
