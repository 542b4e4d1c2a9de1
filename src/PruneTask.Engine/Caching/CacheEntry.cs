using System.Text.Json;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Caching;

/// <summary>
/// A verified cache entry: its files matched the manifest when it was read or written (except a file opened with
/// <see cref="OpenVerifiedTensors"/>, which is checked when first read).
/// </summary>
public sealed class CacheEntry
{
    private readonly ContentCache _cache;

    internal CacheEntry(CacheKey key, string directory, CacheManifest manifest, ContentCache cache)
    {
        Key = key;
        Directory = directory;
        Manifest = manifest;
        _cache = cache;
    }

    public CacheKey Key { get; }

    public string Directory { get; }

    public CacheManifest Manifest { get; }

    public string Description => Manifest.Description;

    public IEnumerable<string> FileNames => Manifest.Files.Select(f => f.Name);

    public bool Contains(string name) => Manifest.Files.Any(f => f.Name == name);

    /// <summary>The path of one of the entry's files; throws when the entry has no such file.</summary>
    public string PathOf(string name) =>
        Contains(name)
            ? Path.Combine(Directory, name)
            : throw new KeyNotFoundException($"Cache entry {Key} ({Description}) has no file '{name}'.");

    public Stream OpenRead(string name) =>
        new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);

    /// <summary>Opens a safetensors file of the entry (memory-mapped); the caller disposes it.</summary>
    public SafetensorsFile OpenTensors(string name) => SafetensorsFile.Open(PathOf(name));

    /// <summary>
    /// Opens a safetensors file that <see cref="ContentCache.TryGet"/> left unhashed (its <c>verifiedOnRead</c>): its
    /// SHA-256 is checked before the first tensor is read. The caller disposes it.
    /// </summary>
    public IRawTensorSource OpenVerifiedTensors(string name) =>
        new VerifiedOnReadTensors(this, Manifest.Files.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"Cache entry {Key} ({Description}) has no file '{name}'."));

    /// <summary>Removes the entry, found corrupt after it was opened, with a warning; the next lookup misses.</summary>
    public void RemoveAsCorrupt(string problem) => _cache.RemoveCorrupt(this, problem);

    public byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    public string ReadText(string name) => File.ReadAllText(PathOf(name));

    public T ReadJson<T>(string name, JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(ReadText(name), options ?? JsonSerializerOptions.Web)
        ?? throw new JsonException($"Cache file {name} of {Key} holds null.");
}
