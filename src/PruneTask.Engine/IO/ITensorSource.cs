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
