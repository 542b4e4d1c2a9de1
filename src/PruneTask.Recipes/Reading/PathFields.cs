using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Path values: made absolute against the file they were written in, and checked where they must exist.</summary>
internal static class PathFields
{
    public static IReadOnlyList<string> DatasetExtensions { get; } = [".txt", ".jsonl", ".bin", ".npy"];

    public static Located<string>? Absolute(SectionReader section, string key, bool required = false)
    {
        var text = section.String(key, required);
        return text is null ? null : text with { Value = Path.GetFullPath(text.Value, section.Get(key)!.BaseDirectory) };
    }

    public static Located<string>? ExistingDirectory(SectionReader section, string key)
    {
        var path = Absolute(section, key, required: true);
        return path is null || Directory.Exists(path.Value) ? path : Missing(section, key, path, "folder");
    }

    /// <summary>A calibration or evaluation dataset: a supported extension, and an existing file.</summary>
    public static Located<string>? ExistingDataset(SectionReader section, string key)
    {
        var path = Absolute(section, key, required: true);
        if (path is null)
        {
            return null;
        }

        if (!DatasetExtensions.Any(e => path.Value.EndsWith(e, StringComparison.Ordinal)))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.InvalidFormat,
                path.Position,
                $"{section.Field(key)} must be a {string.Join(", ", DatasetExtensions)} file; got '{Path.GetFileName(path.Value)}'.");
            return null;
        }

        return File.Exists(path.Value) ? path : Missing(section, key, path, "file");
    }

    private static Located<string>? Missing(SectionReader section, string key, Located<string> path, string what)
    {
        section.Values.Diagnostics.Error(DiagnosticCodes.PathNotFound, path.Position, $"{section.Field(key)}: no such {what}: {path.Value}");
        return null;
    }
}
