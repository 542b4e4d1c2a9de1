namespace PruneTask.Engine.IO;

/// <summary>A tensor source that can hand out a tensor's stored bytes as they are, without building a tensor.</summary>
public interface IRawTensorSource : ITensorSource
{
    /// <summary>
    /// A read-only stream over one tensor's stored bytes (little-endian, row-major). It reads straight from
    /// the source and is valid until the source is disposed; dispose the stream when done.
    /// </summary>
    Stream OpenRawBytes(string name);
}
