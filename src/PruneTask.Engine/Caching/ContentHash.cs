using System.Buffers;
using System.Security.Cryptography;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Caching;

/// <summary>SHA-256 digests as 64 lowercase hex characters, the form used in cache keys and manifests.</summary>
public static class ContentHash
{
    private const int BufferSize = 1 << 20;

    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Of(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        return Of(stream);
    }

    /// <summary>Hashes <paramref name="length"/> bytes of a file starting at <paramref name="offset"/>.</summary>
    public static string OfFileRange(string path, long offset, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.SequentialScan);
        if (offset < 0 || length < 0 || offset + length > stream.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Bytes {offset}..{offset + length} lie outside {path} ({stream.Length} bytes).");
        }

        stream.Position = offset;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            for (var left = length; left > 0;)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw new EndOfStreamException($"{path} ended before byte {offset + length}.");
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Hashes one stored tensor's data bytes (not its dtype or shape: add those to a key separately).</summary>
    public static string OfTensorData(TensorInfo info) => OfFileRange(info.FilePath, info.DataOffset, info.ByteLength);

    public static bool IsValid(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
