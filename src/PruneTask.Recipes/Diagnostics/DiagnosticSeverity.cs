namespace PruneTask.Recipes.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is: errors make a recipe invalid, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
