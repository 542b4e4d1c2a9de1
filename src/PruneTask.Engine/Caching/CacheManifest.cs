using System.Text.Json;

namespace PruneTask.Engine.Caching;

/// <summary>
/// The <c>manifest.json</c> of a cache entry: what the entry is and the size and SHA-256 of each of its files.
/// It is written last, inside the entry's temporary folder, so a published entry always has one.
/// </summary>
public sealed record CacheManifest(
    int Format,
    string Kind,
    string Hash,
    string Description,
    string ToolVersion,
    DateTimeOffset CreatedUtc,
    IReadOnlyList<CacheFileRecord> Files)
{
    public const int CurrentFormat = 1;

    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public long TotalSize => Files.Sum(f => f.Size);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> or <see cref="IOException"/> when it is unreadable.</summary>
    public static CacheManifest Read(string path) =>
        JsonSerializer.Deserialize<CacheManifest>(File.ReadAllText(path), JsonOptions)
        ?? throw new JsonException($"{path} holds null.");
}

/// <summary>One file of a cache entry as its manifest records it.</summary>
public sealed record CacheFileRecord(string Name, long Size, string Sha256);
