namespace PruneTask.Engine.IO;

/// <summary>A parsed safetensors header: metadata and tensor entries in header order, offsets not yet checked.</summary>
internal sealed record SafetensorsHeader(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SafetensorsHeaderEntry> Entries);
