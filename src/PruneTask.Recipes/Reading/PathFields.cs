using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>Path values: made absolute against the file they were written in, and checked where they must exist.</summary>
internal static class PathFields
{
    public static IReadOnlyList<string> DatasetExtensions { get; } = [".txt", ".jsonl", ".bin", ".npy", ".safetensors"];

    public static Located<string>? Absolute(SectionReader section, string key, bool required = false)
    {
        var text = section.String(key, required);
        return text is null ? null : text with { Value = Path.GetFullPath(text.Value, section.Get(key)!.BaseDirectory) };
    }

    /// <summary>
    /// The folder a relative path written in a recipe file was resolved against; null for an absolute path, a missing
    /// key, or a value from the command line (<c>--set</c>, which has no line).
    /// </summary>
    public static string? RelativeBase(SectionReader section, string key)
    {
        var node = section.Get(key);
        return node is ScalarNode { Position.Line: > 0 } scalar && !Path.IsPathRooted(scalar.Text) ? node.BaseDirectory : null;
    }

    public static Located<string>? ExistingDirectory(SectionReader section, string key)
    {
        var path = Absolute(section, key, required: true);
        return path is null || Directory.Exists(path.Value) ? path : Missing(section, key, path, "folder");
    }

    /// <summary>
    /// A calibration or evaluation dataset: an existing file with a supported extension, or an existing folder (of
    /// images). The text decides which, as prune.schema.json does: a path whose last part has no extension, or that
    /// ends in a separator, names a folder; any other path must have a supported extension and names a file.
    /// </summary>
    public static Located<string>? ExistingDataset(SectionReader section, string key)
    {
        var text = section.String(key, required: true);
        if (text is null)
        {
            return null;
        }

        var path = text with { Value = Path.GetFullPath(text.Value, section.Get(key)!.BaseDirectory) };
        var extension = Path.GetExtension(text.Value.Replace('\\', '/'));
        if (extension.Length == 0)
        {
            return Directory.Exists(path.Value) ? path : Missing(section, key, path, "folder");
        }

        if (!DatasetExtensions.Contains(extension, StringComparer.Ordinal))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.InvalidFormat,
                path.Position,
                $"{section.Field(key)} must be a {string.Join(", ", DatasetExtensions)} file or a folder of images (a folder whose name has a dot is written with a trailing '/'); got '{Path.GetFileName(path.Value)}'.");
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
