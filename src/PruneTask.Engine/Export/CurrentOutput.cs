using System.Text.Json;
using PruneTask.Engine.IO;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// An output folder that already holds exactly what a run would write: its prune.lock.json names the same tool version,
/// recipe, model, data, stage keys and environment (<see cref="SameInputs"/>), and every file it lists is there and
/// unchanged since, with no other file beside them but the reports (<see cref="ReadIfUnchanged"/>). Such a folder is
/// kept instead of written again, so a run whose results are all cached does not rewrite the whole model.
/// </summary>
public static class CurrentOutput
{
    /// <summary>The reports every output holds; they carry timings, so they are rewritten even when the model is kept.</summary>
    public static IReadOnlyList<string> ReportFiles { get; } = [RunReport.FileName, MarkdownReport.FileName, HtmlReport.FileName];

    /// <summary>
    /// The lock file in <paramref name="folder"/> when every file it lists is there, a regular file, and not written
    /// after it (the rule make and MSBuild apply), and nothing else is beside them but the reports; null otherwise.
    /// Files are not hashed: for a 1.1 B model that would cost as much as hashing the model again.
    /// </summary>
    public static LockFile? ReadIfUnchanged(string folder)
    {
        var lockFile = new FileInfo(Path.Combine(folder, LockFile.FileName));
        if (new DirectoryInfo(folder) is not { Exists: true, LinkTarget: null } || lockFile is not { Exists: true, LinkTarget: null })
        {
            return null;
        }

        try
        {
            var existing = JsonSerializer.Deserialize<LockFile>(File.ReadAllText(lockFile.FullName), ReportJson.Options);
            if (existing?.Outputs is null || existing.StageKeys is null || existing.DataFingerprints is null)
            {
                return null;
            }

            var expectedFiles = existing.Outputs.Keys.Concat(ReportFiles).Append(LockFile.FileName).ToHashSet(StringComparer.Ordinal);
            var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .ToHashSet(StringComparer.Ordinal);
            return present.IsSubsetOf(expectedFiles) && existing.Outputs.Keys.All(o => present.Contains(o) && NotWrittenAfter(Path.Combine(folder, o), lockFile))
                ? existing
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Whether two lock files name the same tool, recipe, model, data, stage keys and environment (their outputs aside).</summary>
    public static bool SameInputs(LockFile a, LockFile b) => ReportJson.Serialize(WithoutOutputs(a)) == ReportJson.Serialize(WithoutOutputs(b));

    /// <summary>Writes the three reports into <paramref name="folder"/>, each whole or not at all.</summary>
    public static void WriteReports(string folder, RunReport report)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, RunReport.FileName), ReportJson.Serialize(report));
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownReport.FileName), MarkdownReport.Render(report));
        AtomicFile.WriteAllText(Path.Combine(folder, HtmlReport.FileName), HtmlReport.Render(report));
    }

    private static bool NotWrittenAfter(string path, FileInfo lockFile) =>
        new FileInfo(path) is { LinkTarget: null } file && file.LastWriteTimeUtc <= lockFile.LastWriteTimeUtc;

    private static LockFile WithoutOutputs(LockFile lockFile) => lockFile with { Outputs = new Dictionary<string, string>() };
}
