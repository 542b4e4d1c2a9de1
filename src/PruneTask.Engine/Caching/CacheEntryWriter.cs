using System.Text;
using System.Text.Json;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Caching;

/// <summary>
/// Writes the files of a new cache entry into its private temporary folder. Nothing is visible to readers until
/// <see cref="ContentCache.Put"/> has written the manifest and moved the whole folder into place.
/// File names are letters, digits, '.', '-' and '_' (not <c>manifest.json</c>), each used once.
/// </summary>
public sealed class CacheEntryWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _directory;
    private readonly List<string> _names = [];

    internal CacheEntryWriter(string directory)
    {
        _directory = directory;
    }

    internal IReadOnlyList<string> Names => _names;

    /// <summary>Creates a file and returns a stream the caller writes and disposes before the write action returns.</summary>
    public Stream Create(string name) => new FileStream(Reserve(name), FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>The path to create a file at, for writers that take a path (such as a safetensors writer).</summary>
    public string PathFor(string name) => Reserve(name);

    public void WriteBytes(string name, ReadOnlySpan<byte> data)
    {
        using var stream = Create(name);
        stream.Write(data);
    }

    /// <summary>Writes UTF-8 text without a byte-order mark.</summary>
    public void WriteText(string name, string text) => File.WriteAllText(Reserve(name), text, Utf8NoBom);

    public void WriteJson<T>(string name, T value, JsonSerializerOptions? options = null) =>
        WriteText(name, JsonSerializer.Serialize(value, options ?? JsonSerializerOptions.Web));

    /// <summary>
    /// Writes tensors as one safetensors file (read them back with <see cref="CacheEntry.OpenTensors"/>). Not flushed to
    /// disk: every read checks the entry against its manifest's SHA-256, so a file cut short by a crash is found corrupt
    /// and recomputed, and waiting for the disk cost a second per TinyLlama block's statistics.
    /// </summary>
    public void WriteTensors(string name, IEnumerable<KeyValuePair<string, torch.Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsWriter.Write(Reserve(name), tensors, metadata, durable: false);

    public static bool IsValidFileName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name != CacheManifest.FileName
        && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private string Reserve(string name)
    {
        if (!IsValidFileName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid cache file name (letters, digits, '.', '-', '_'; not {CacheManifest.FileName}).", nameof(name));
        }

        if (_names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Cache file '{name}' was written twice.", nameof(name));
        }

        _names.Add(name);
        return Path.Combine(_directory, name);
    }
}
