using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// An output folder that already holds exactly what a run would write: its prune.lock.json names the same tool version,
/// recipe, model, data, stage keys and environment, and every file it lists is there with its recorded SHA-256, with no
/// other file beside them but the reports. Such a folder is kept instead of written again, so a run whose results are
/// all cached costs the hashing of its output rather than a rewrite of the whole model.
/// </summary>
public static class CurrentOutput
{
    /// <summary>The reports every output holds; they carry timings, so they are rewritten even when the model is kept.</summary>
    public static IReadOnlyList<string> ReportFiles { get; } = [RunReport.FileName, MarkdownReport.FileName, HtmlReport.FileName];

    /// <summary>The lock file in <paramref name="folder"/> when the folder is what <paramref name="expected"/> (outputs aside) describes; otherwise null.</summary>
    public static LockFile? Find(string folder, LockFile expected)
    {
        var lockPath = Path.Combine(folder, LockFile.FileName);
        if (new DirectoryInfo(folder) is not { Exists: true, LinkTarget: null } || new FileInfo(lockPath) is not { Exists: true, LinkTarget: null })
        {
            return null;
        }

        LockFile? existing;
        try
        {
            existing = JsonSerializer.Deserialize<LockFile>(File.ReadAllText(lockPath), ReportJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }

        if (existing?.Outputs is null || existing.StageKeys is null || existing.DataFingerprints is null
            || ReportJson.Serialize(WithoutOutputs(existing)) != ReportJson.Serialize(WithoutOutputs(expected)))
        {
            return null;
        }

        var expectedFiles = existing.Outputs.Keys.Concat(ReportFiles).Append(LockFile.FileName).ToHashSet(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet(StringComparer.Ordinal);
        if (!present.IsSubsetOf(expectedFiles) || !existing.Outputs.Keys.All(present.Contains))
        {
            return null;
        }

        try
        {
            return existing.Outputs.All(o => Unchanged(Path.Combine(folder, o.Key), o.Value)) ? existing : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the three reports into <paramref name="folder"/>, each whole or not at all.</summary>
    public static void WriteReports(string folder, RunReport report)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, RunReport.FileName), ReportJson.Serialize(report));
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownReport.FileName), MarkdownReport.Render(report));
        AtomicFile.WriteAllText(Path.Combine(folder, HtmlReport.FileName), HtmlReport.Render(report));
    }

    private static bool Unchanged(string path, string hash) =>
        new FileInfo(path).LinkTarget is null && ContentHash.OfFile(path) == hash;

    private static LockFile WithoutOutputs(LockFile lockFile) => lockFile with { Outputs = new Dictionary<string, string>() };
}
