using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>Compact assertions on diagnostics: code and position, as "PRN010@3:5".</summary>
internal static class DiagnosticAssert
{
    public static void Errors(IEnumerable<Diagnostic> diagnostics, params string[] expected) =>
        Assert.Equal(expected, diagnostics.Where(d => d.IsError).Select(Format).ToArray());

    public static void Warnings(IEnumerable<Diagnostic> diagnostics, params string[] expected) =>
        Assert.Equal(expected, diagnostics.Where(d => !d.IsError).Select(Format).ToArray());

    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, string code) =>
        Assert.Single(diagnostics, d => d.Code == code);

    public static string Format(Diagnostic d) => $"{d.Code}@{d.Line}:{d.Column}";
}
