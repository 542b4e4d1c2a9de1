using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// Diagnostics about layers, merged when one recipe line causes the same problem on many layers: a rule that
/// gives 32 down projections an impossible target is one error naming the first layer and the count.
/// </summary>
internal sealed class LayerDiagnostics
{
    private readonly List<(string Code, DiagnosticSeverity Severity, SourcePosition Position, string Message)> _order = [];
    private readonly Dictionary<(string, DiagnosticSeverity, SourcePosition, string), List<string>> _layers = [];

    public void Error(string code, SourcePosition position, string message, string layer) =>
        Add(code, DiagnosticSeverity.Error, position, message, layer);

    public void Warning(string code, SourcePosition position, string message, string layer) =>
        Add(code, DiagnosticSeverity.Warning, position, message, layer);

    public IEnumerable<Diagnostic> ToDiagnostics() => _order.Select(key =>
    {
        var layers = _layers[key];
        var which = layers.Count == 1 ? $"layer {layers[0]}" : $"layers {layers[0]} and {layers.Count - 1} more";
        return new Diagnostic(key.Code, key.Severity, key.Position.File, key.Position.Line, key.Position.Column, $"{key.Message.TrimEnd('.')} ({which}).");
    });

    private void Add(string code, DiagnosticSeverity severity, SourcePosition position, string message, string layer)
    {
        var key = (code, severity, position, message);
        if (!_layers.TryGetValue(key, out var layers))
        {
            _order.Add(key);
            _layers[key] = layers = [];
        }

        layers.Add(layer);
    }
}
