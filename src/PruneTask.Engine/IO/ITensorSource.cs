using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// Named tensors that are read one at a time (a safetensors file, a sharded checkpoint, or tensors held in memory).
/// Listing names and infos never reads tensor data.
/// </summary>
public interface ITensorSource : IDisposable
{
    /// <summary>Tensor names in a stable order (file order, then shard order).</summary>
    IReadOnlyList<string> Names { get; }

    bool Contains(string name);

    TensorInfo Info(string name);

    /// <summary>Reads one tensor in its stored dtype. The caller owns (and disposes) the returned tensor.</summary>
    torch.Tensor Load(string name);
}

/// <summary>A tensor source that can hand out a tensor's stored bytes as they are, without building a tensor.</summary>
public interface IRawTensorSource : ITensorSource
{
    /// <summary>
    /// A read-only stream over one tensor's stored bytes (little-endian, row-major). It reads straight from
    /// the source and is valid until the source is disposed; dispose the stream when done.
    /// </summary>
    Stream OpenRawBytes(string name);
}

/// <summary>Where one stored tensor lives: its file and the absolute byte range of its data in that file.</summary>
public sealed record TensorInfo(string Name, TensorDtype Dtype, IReadOnlyList<long> Shape, string FilePath, long DataOffset, long ByteLength)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
