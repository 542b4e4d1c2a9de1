using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// SHA-256 of one tensor: its dtype and shape, then its stored bytes, read straight from the source.
/// The name is left out, so equal tensors hash equal wherever they live. Lowercase hex.
/// </summary>
public static unsafe class TensorHasher
{
    private const int ChunkSize = 1 << 20;

    public static string Hash(ITensorSource source, string name)
    {
        var info = source.Info(name);
        using var bytes = source.OpenRawBytes(name);
        return Hash(info.Dtype, info.Shape, bytes);
    }

    public static string Hash(torch.Tensor tensor)
    {
        var dtype = TensorDtypes.FromScalarType(tensor.dtype);
        using var bytes = TensorByteStream.Of(tensor);
        return Hash(dtype, tensor.shape, bytes);
    }

    private static string Hash(TensorDtype dtype, IReadOnlyList<long> shape, Stream bytes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"tensor/v1 {dtype} [{string.Join(",", shape)}]\n"));
        if (bytes is UnmanagedMemoryStream memory)
            AppendInPlace(sha, memory);
        else
            AppendCopied(sha, bytes);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Hashes mapped or tensor memory where it lies, without copying it through a buffer.</summary>
    private static void AppendInPlace(IncrementalHash sha, UnmanagedMemoryStream memory)
    {
        var start = memory.PositionPointer;
        var length = memory.Length - memory.Position;
        for (long done = 0; done < length; done += ChunkSize)
            sha.AppendData(new ReadOnlySpan<byte>(start + done, (int)Math.Min(ChunkSize, length - done)));
    }

    private static void AppendCopied(IncrementalHash sha, Stream bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = bytes.Read(buffer, 0, ChunkSize)) > 0)
                sha.AppendData(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
