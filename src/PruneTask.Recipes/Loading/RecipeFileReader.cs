using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>Reads and parses one recipe file and checks what every file must have on its own: <c>version: 1</c>.</summary>
internal static class RecipeFileReader
{
    public const int SupportedVersion = 1;

    /// <summary>
    /// The file's text, or null with the reason reported at <paramref name="position"/>: <paramref name="unreadableCode"/>
    /// when it cannot be read, PRN006 when it is larger than <see cref="RecipeLimits.MaxFileBytes"/> (found after
    /// reading at most that many bytes, so a huge file or an endless device costs nothing).
    /// </summary>
    /// <param name="description">What the file is, for the message: "the recipe", "the base recipe x".</param>
    public static string? ReadText(string fullPath, SourcePosition position, string unreadableCode, string description, DiagnosticBag diagnostics)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = new byte[RecipeLimits.MaxFileBytes + 1];
            var length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (length > RecipeLimits.MaxFileBytes)
            {
                diagnostics.Error(
                    DiagnosticCodes.RecipeTooLarge, position, $"{char.ToUpperInvariant(description[0])}{description[1..]} is larger than {RecipeLimits.MaxFileBytes} bytes (1 MiB), the limit for a recipe.");
                return null;
            }

            using var reader = new StreamReader(new MemoryStream(bytes, 0, length), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(unreadableCode, position, $"Cannot read {description}: {exception.Message}");
            return null;
        }
    }

    /// <summary>Parses the text; null when it is not YAML or not a mapping (reported). Header problems are reported but not fatal.</summary>
    public static RecipeDocument? Parse(string text, string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        var node = YamlDocumentParser.Parse(text, displayPath, Path.GetDirectoryName(fullPath)!, diagnostics);
        if (node is null)
        {
            return null;
        }

        if (node is not MappingNode root)
        {
            diagnostics.Error(DiagnosticCodes.NotAMapping, node.Position, $"A recipe is a mapping of sections (version:, model:, …); this document is {node.Describe()}.");
            return null;
        }

        CheckVersion(root, diagnostics);
        var values = new ValueReader(diagnostics);
        var extends = root["extends"] is { } value ? values.String(value, "extends") : null;
        return new RecipeDocument(fullPath, displayPath, root, extends);
    }

    private static void CheckVersion(MappingNode root, DiagnosticBag diagnostics)
    {
        switch (root["version"])
        {
            case null:
                diagnostics.Error(DiagnosticCodes.MissingKey, root.Position, $"The recipe needs 'version: {SupportedVersion}'.");
                break;
            case ScalarNode { Kind: ScalarKind.Integer } version when version.AsInteger() != SupportedVersion:
                diagnostics.Error(DiagnosticCodes.UnsupportedVersion, version.Position, $"Recipe version {version.Text} is not supported; this tool reads version {SupportedVersion}.");
                break;
            case ScalarNode { Kind: ScalarKind.Integer }:
                break;
            case { } other:
                new ValueReader(diagnostics).WrongType(other, "version", "an integer");
                break;
        }
    }
}
