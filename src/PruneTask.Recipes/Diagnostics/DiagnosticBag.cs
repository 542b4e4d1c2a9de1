using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Diagnostics;

/// <summary>Collects diagnostics in the order they are found, so every problem of a recipe is reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Error(string code, SourcePosition position, string message) =>
        Add(code, DiagnosticSeverity.Error, position, message);

    public void Warning(string code, SourcePosition position, string message) =>
        Add(code, DiagnosticSeverity.Warning, position, message);

    public void Add(string code, DiagnosticSeverity severity, SourcePosition position, string message) =>
        _items.Add(new Diagnostic(code, severity, position.File, position.Line, position.Column, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
