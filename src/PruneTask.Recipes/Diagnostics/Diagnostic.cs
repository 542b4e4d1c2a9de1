using System.Globalization;

namespace PruneTask.Recipes.Diagnostics;

/// <summary>
/// One problem found in a recipe, with a stable code (see <see cref="DiagnosticCodes"/>) and a 1-based position.
/// <see cref="Line"/> is 0 when the problem has no position in a file (a missing file, a command-line override).
/// </summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string File, int Line, int Column, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>MSBuild's canonical form, <c>file(line,col): error PRN012: message</c>, which IDEs and CI annotate.</summary>
    public override string ToString()
    {
        var category = IsError ? "error" : "warning";
        var origin = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column})") : File;
        return $"{origin}: {category} {Code}: {Message}";
    }
}

/// <summary>How serious a <see cref="Diagnostic"/> is: errors make a recipe invalid, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
