using System.Text.RegularExpressions;
using PruneTask.Recipes.Matching;

namespace PruneTask.Recipes.Model;

/// <summary>
/// Selects layers by checkpoint module name (e.g. <c>model.layers.3.mlp.down_proj</c>), with a glob
/// (<c>match:</c>) or a .NET regular expression (<c>regex:</c>); both must match the whole name.
/// </summary>
public sealed class LayerMatcher
{
    private readonly Func<string, bool> _isMatch;

    private LayerMatcher(string key, string text, Func<string, bool> isMatch, SourcePosition position)
    {
        Key = key;
        Text = text;
        _isMatch = isMatch;
        Position = position;
    }

    /// <summary><c>match</c> or <c>regex</c>.</summary>
    public string Key { get; }

    public string Text { get; }

    public SourcePosition Position { get; }

    public bool IsMatch(string layerName) => _isMatch(layerName);

    public override string ToString() => $"{Key}: {Text}";

    internal static LayerMatcher? TryCreate(string key, string text, SourcePosition position, out string? error)
    {
        if (key == "regex")
        {
            try
            {
                // Linear-time matching: no pattern can make resolution take exponential time (ReDoS).
                var regex = new Regex($"^(?:{text})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
                error = null;
                return new LayerMatcher(key, text, regex.IsMatch, position);
            }
            catch (ArgumentException exception)
            {
                error = exception.Message;
                return null;
            }
            catch (NotSupportedException)
            {
                error = "backreferences, lookarounds, atomic groups and conditionals are not supported (patterns are matched in linear time).";
                return null;
            }
        }

        return GlobPattern.TryParse(text, out var glob, out error) ? new LayerMatcher(key, text, glob!.IsMatch, position) : null;
    }
}
