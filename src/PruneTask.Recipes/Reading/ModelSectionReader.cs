using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>model</c>: path (an existing folder) and an optional fingerprint.</summary>
internal static partial class ModelSectionReader
{
    public static IReadOnlyCollection<string> Keys { get; } = ["path", "fingerprint"];

    public static ModelSettings? Read(SectionReader root)
    {
        if (root.Section("model", Keys, required: true) is not { } section)
        {
            return null;
        }

        var path = PathFields.ExistingDirectory(section, "path");
        var fingerprint = section.String("fingerprint");
        if (fingerprint is not null && !FingerprintSyntax().IsMatch(fingerprint.Value))
        {
            section.Values.Diagnostics.Error(
                DiagnosticCodes.InvalidFormat,
                fingerprint.Position,
                $"model.fingerprint must be 'sha256:' followed by 64 lower-case hex digits; got '{fingerprint.Value}'.");
        }

        return path is null ? null : new ModelSettings(path, fingerprint, section.Position);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex FingerprintSyntax();
}
