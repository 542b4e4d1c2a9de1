using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// Writes safetensors files. Output depends only on the input (same tensors, order and metadata → same bytes),
/// and appears atomically: it is written to a temporary file beside the target, flushed to disk, then renamed.
/// </summary>
public static class SafetensorsWriter
{
    private const int CopyBufferSize = 1 << 20;

    /// <summary>Writes tensors held in memory, in the order given. The tensors are not disposed.</summary>
    public static void Write(
        string path, IEnumerable<KeyValuePair<string, torch.Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null, bool durable = true) =>
        Write(path, tensors.Select(t => SafetensorsEntry.FromTensor(t.Key, t.Value)).ToList(), metadata, durable);

    /// <summary>
    /// Writes entries in the order given, one at a time: with <see cref="SafetensorsEntry.Deferred"/> and
    /// <see cref="SafetensorsEntry.CopyOf"/> entries, no more than one tensor is in memory at once.
    /// </summary>
    /// <exception cref="ArgumentException">A name is given twice or is <c>__metadata__</c>.</exception>
    /// <exception cref="InvalidOperationException">An entry wrote a different number of bytes than its dtype and shape need.</exception>
    /// <param name="durable">Flush to disk before the rename; false where a file cut short by a crash does no harm (see <see cref="AtomicFile.Write"/>).</param>
    public static void Write(string path, IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata = null, bool durable = true)
    {
        var header = SafetensorsHeaderWriter.Build(entries, metadata);
        AtomicFile.Write(
            path,
            file =>
            {
                file.Write(header);
                foreach (var entry in entries)
                {
                    var checkedStream = new LengthCheckingStream(file, entry.Name, entry.ByteLength);
                    entry.WriteData(checkedStream);
                    checkedStream.CheckComplete();
                }
            },
            CopyBufferSize,
            durable);
    }
}
