using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// An output folder that already holds exactly what a run would write: its prune.lock.json names the same tool version,
/// recipe, model, data, stage keys and environment (<see cref="SameInputs"/>), and every file it lists is there with its
/// recorded SHA-256, with no other file beside them but the reports (<see cref="ReadVerified"/>). Such a folder is kept
/// instead of written again, so a run whose results are all cached costs the hashing of its output rather than a
/// rewrite of the whole model.
/// </summary>
public static class CurrentOutput
{
    /// <summary>The reports every output holds; they carry timings, so they are rewritten even when the model is kept.</summary>
    public static IReadOnlyList<string> ReportFiles { get; } = [RunReport.FileName, MarkdownReport.FileName, HtmlReport.FileName];

    /// <summary>
    /// The lock file in <paramref name="folder"/> when every file it lists is there unchanged (by SHA-256) and nothing
    /// else is beside them but the reports; null otherwise, or when <paramref name="worthHashing"/> refuses the lock file
    /// before any output is hashed.
    /// </summary>
    public static LockFile? ReadVerified(string folder, Func<LockFile, bool> worthHashing)
    {
        var lockPath = Path.Combine(folder, LockFile.FileName);
        if (new DirectoryInfo(folder) is not { Exists: true, LinkTarget: null } || new FileInfo(lockPath) is not { Exists: true, LinkTarget: null })
        {
            return null;
        }

        try
        {
            var existing = JsonSerializer.Deserialize<LockFile>(File.ReadAllText(lockPath), ReportJson.Options);
            if (existing?.Outputs is null || existing.StageKeys is null || existing.DataFingerprints is null || !worthHashing(existing))
            {
                return null;
            }

            var expectedFiles = existing.Outputs.Keys.Concat(ReportFiles).Append(LockFile.FileName).ToHashSet(StringComparer.Ordinal);
            var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .ToHashSet(StringComparer.Ordinal);
            return present.IsSubsetOf(expectedFiles) && existing.Outputs.All(o => present.Contains(o.Key) && Unchanged(Path.Combine(folder, o.Key), o.Value))
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

    private static bool Unchanged(string path, string hash) =>
        new FileInfo(path).LinkTarget is null && ContentHash.OfFile(path) == hash;

    private static LockFile WithoutOutputs(LockFile lockFile) => lockFile with { Outputs = new Dictionary<string, string>() };
}
