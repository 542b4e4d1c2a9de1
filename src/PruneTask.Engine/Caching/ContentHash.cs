using System.Security.Cryptography;

namespace PruneTask.Engine.Caching;

/// <summary>
/// SHA-256 digests as 64 lowercase hex characters, the form used in cache keys and manifests.
/// Hash tensors (dtype, shape and bytes) with <see cref="PruneTask.Engine.IO.TensorHasher"/>.
/// </summary>
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

    public static bool IsValid(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
