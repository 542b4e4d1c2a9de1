namespace PruneTask.Engine.IO;

/// <summary>A parsed safetensors header: metadata and tensor entries in header order, offsets not yet checked.</summary>
internal sealed record SafetensorsHeader(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SafetensorsHeaderEntry> Entries);

/// <summary>One tensor as its header entry states it; Begin and End are relative to the start of the data region.</summary>
internal sealed record SafetensorsHeaderEntry(string Name, TensorDtype Dtype, long[] Shape, long Begin, long End);
