using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

/// <summary>Writes small sharded checkpoints: each shard holds one-element tensors with the names given.</summary>
public static class ShardedCheckpoint
{
    public static void WriteShard(string folder, string shard, params string[] tensorNames)
    {
        var entries = tensorNames
            .Select(name => SafetensorsEntry.Deferred(name, TensorDtype.F32, [1], () => torch.ones(1)))
            .ToList();
        SafetensorsWriter.Write(Path.Combine(folder, shard), entries);
    }

    /// <summary>Writes <c>model.safetensors.index.json</c> with the given weight map entries as raw JSON text.</summary>
    public static string WriteIndex(string folder, params string[] weightMapEntries)
    {
        var path = Path.Combine(folder, ModelWeights.IndexFileName);
        File.WriteAllText(path, "{\"metadata\":{},\"weight_map\":{" + string.Join(",", weightMapEntries) + "}}");
        return path;
    }

    public static string Maps(string tensor, string shard) => $"\"{tensor}\":\"{shard}\"";
}
