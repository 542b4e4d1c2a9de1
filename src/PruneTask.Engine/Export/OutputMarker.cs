using System.Text.Json;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Stages;

namespace PruneTask.Engine.Export;

/// <summary>
/// Recognises a folder this tool wrote: it holds a <c>prune.lock.json</c> (a regular file, not a link) that reads as a
/// lock file. Only such a folder, or an empty one, may be replaced by a run's output.
/// </summary>
public static class OutputMarker
{
    public static bool IsEarlierOutput(string folder)
    {
        var marker = new FileInfo(Path.Combine(folder, ExportStage.LockFileName));
        if (!marker.Exists || marker.LinkTarget is not null)
        {
            return false;
        }

        try
        {
            var lockFile = JsonSerializer.Deserialize<LockFile>(File.ReadAllText(marker.FullName), ReportJson.Options);
            return lockFile is { ToolVersion.Length: > 0, Outputs: not null };
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="folder"/> may be replaced: absent, empty, or an earlier output.</summary>
    public static bool MayReplace(string folder) =>
        !Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any() || IsEarlierOutput(folder);
}
