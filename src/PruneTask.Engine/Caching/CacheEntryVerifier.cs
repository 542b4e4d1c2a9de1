using System.Text.Json;

namespace PruneTask.Engine.Caching;

/// <summary>Checks a published entry folder against its manifest: format, key, and every file's size and SHA-256.</summary>
internal static class CacheEntryVerifier
{
    /// <summary>Returns the manifest, or null with the reason the entry cannot be trusted.</summary>
    /// <param name="deferred">A file whose size is checked but whose SHA-256 is left to <see cref="CheckFile"/> when it is first read.</param>
    public static CacheManifest? Verify(string directory, CacheKey key, out string? problem, string? deferred = null)
    {
        CacheManifest manifest;
        try
        {
            manifest = CacheManifest.Read(Path.Combine(directory, CacheManifest.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            problem = $"its manifest cannot be read: {e.Message}";
            return null;
        }

        problem = CheckManifest(manifest, key) ?? CheckFiles(directory, manifest, deferred);
        return problem is null ? manifest : null;
    }

    private static string? CheckManifest(CacheManifest manifest, CacheKey key)
    {
        if (manifest.Format != CacheManifest.CurrentFormat)
        {
            return $"its manifest has format {manifest.Format}, expected {CacheManifest.CurrentFormat}";
        }

        return manifest.Kind == key.Kind && manifest.Hash == key.Hash && manifest.Files is not null
            ? null
            : $"its manifest names {manifest.Kind}/{manifest.Hash}";
    }

    private static string? CheckFiles(string directory, CacheManifest manifest, string? deferred)
    {
        foreach (var file in manifest.Files)
        {
            if (!CacheEntryWriter.IsValidFileName(file.Name))
            {
                return $"its manifest lists an invalid file name '{file.Name}'";
            }

            if (CheckFile(directory, file, hash: file.Name != deferred) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Null when the file has the manifest's size and (with <paramref name="hash"/>) its SHA-256; otherwise what is wrong.</summary>
    public static string? CheckFile(string directory, CacheFileRecord file, bool hash = true)
    {
        var path = Path.Combine(directory, file.Name);
        try
        {
            var length = new FileInfo(path).Length;
            if (length != file.Size)
            {
                return $"{file.Name} has {length} bytes, the manifest says {file.Size}";
            }

            return hash && ContentHash.OfFile(path) != file.Sha256 ? $"{file.Name} does not match its SHA-256" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{file.Name} cannot be read: {e.Message}";
        }
    }
}
