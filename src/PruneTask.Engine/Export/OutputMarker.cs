using System.Text.Json;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// Recognises a folder this tool wrote: it holds a <c>prune.lock.json</c> (a regular file, not a link) that reads as a
/// lock file, or, from a run that failed its quality gate (which writes no lock file), a <c>report.json</c> that reads
/// as that run's report. Only such a folder, or an empty one, may be replaced by a run's output.
/// </summary>
public static class OutputMarker
{
    public static bool IsEarlierOutput(string folder) =>
        Reads<LockFile>(folder, LockFile.FileName, l => l is { ToolVersion.Length: > 0, Outputs: not null })
        || Reads<RunReport>(folder, RunReport.FileName, r => r is { QualityGate.Passed: false, Layers: not null });

    private static bool Reads<T>(string folder, string name, Func<T?, bool> recognised)
    {
        var marker = new FileInfo(Path.Combine(folder, name));
        if (!marker.Exists || marker.LinkTarget is not null)
        {
            return false;
        }

        try
        {
            return recognised(JsonSerializer.Deserialize<T>(File.ReadAllText(marker.FullName), ReportJson.Options));
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
