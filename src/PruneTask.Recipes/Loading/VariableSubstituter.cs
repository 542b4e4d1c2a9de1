using System.Text;
using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Reading;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>
/// Replaces <c>${name}</c> in string values by the recipe's <c>variables</c>. A value that is exactly one
/// reference takes the variable's type (so <c>sparsity: ${s}</c> is a number); inside longer text it is spliced
/// in as text. <c>$${</c> writes a literal <c>${</c>. Keys, <c>version</c> and <c>extends</c> are never substituted.
/// </summary>
internal sealed partial class VariableSubstituter
{
    private static readonly string[] _untouched = ["variables", "version", "extends"];

    private readonly Dictionary<string, ScalarNode> _variables = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;
    private long _spliced;

    private VariableSubstituter(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public static (MappingNode Tree, IReadOnlyDictionary<string, object> Variables) Substitute(MappingNode tree, DiagnosticBag diagnostics)
    {
        var substituter = new VariableSubstituter(diagnostics);
        substituter.Collect(tree["variables"]);
        var entries = tree.Entries.Select(e => _untouched.Contains(e.Name) ? e : e with { Value = substituter.Visit(e.Value) }).ToList();
        var values = substituter._variables.ToDictionary(v => v.Key, v => v.Value.ToValue()!, StringComparer.Ordinal);
        return (tree.WithEntries(entries), values);
    }

    private void Collect(RecipeNode? node)
    {
        var values = new ValueReader(_diagnostics);
        switch (node)
        {
            case null:
                return;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (!NameSyntax().IsMatch(entry.Name))
                    {
                        _diagnostics.Error(DiagnosticCodes.InvalidFormat, entry.Key.Position, $"'{entry.Name}' is not a variable name: use letters, digits and _, not starting with a digit.");
                    }
                    else if (entry.Value is ScalarNode { Kind: not ScalarKind.Null } value)
                    {
                        _variables[entry.Name] = value;
                    }
                    else
                    {
                        values.WrongType(entry.Value, $"variables.{entry.Name}", "a string, number or boolean");
                    }
                }

                return;
            default:
                values.WrongType(node, "variables", "a mapping");
                return;
        }
    }

    private RecipeNode Visit(RecipeNode node) => node switch
    {
        ScalarNode { Kind: ScalarKind.String } scalar when scalar.Text.Contains("${", StringComparison.Ordinal) => Replace(scalar),
        MappingNode mapping => mapping.WithEntries(mapping.Entries.Select(e => e with { Value = Visit(e.Value) }).ToList()),
        SequenceNode list => list.WithItems(list.Items.Select(Visit).ToList()),
        _ => node,
    };

    private ScalarNode Replace(ScalarNode scalar)
    {
        var whole = WholeReference().Match(scalar.Text);
        if (whole.Success && _variables.TryGetValue(whole.Groups[1].Value, out var variable))
        {
            return new ScalarNode(variable.Text, variable.Kind, scalar.Position, scalar.BaseDirectory) { Variable = whole.Groups[1].Value };
        }

        var text = new StringBuilder();
        var failed = false;
        for (var i = 0; i < scalar.Text.Length; i++)
        {
            if (string.CompareOrdinal(scalar.Text, i, "$${", 0, 3) == 0)
            {
                text.Append("${");
                i += 2;
            }
            else if (string.CompareOrdinal(scalar.Text, i, "${", 0, 2) == 0)
            {
                var end = scalar.Text.IndexOf('}', i + 2);
                failed |= !Splice(scalar, end < 0 ? null : scalar.Text[(i + 2)..end], text);
                i = end < 0 ? scalar.Text.Length : end;
            }
            else
            {
                text.Append(scalar.Text[i]);
            }
        }

        return new ScalarNode(text.ToString(), ScalarKind.String, scalar.Position, scalar.BaseDirectory) { IsReported = failed };
    }

    private bool Splice(ScalarNode scalar, string? name, StringBuilder text)
    {
        if (name is null || !NameSyntax().IsMatch(name))
        {
            var shown = name is null ? "an unclosed ${" : $"'${{{name}}}'";
            _diagnostics.Error(DiagnosticCodes.InvalidVariableReference, scalar.Position, $"{shown} is not a variable reference: write ${{name}} with letters, digits and _, or $${{ for a literal ${{.");
            return false;
        }

        if (!_variables.TryGetValue(name, out var variable))
        {
            _diagnostics.Error(DiagnosticCodes.UnknownVariable, scalar.Position, $"Unknown variable '{name}'.{Suggestions.Hint(name, _variables.Keys)}");
            return false;
        }

        _spliced += variable.Text.Length;
        if (_spliced > RecipeLimits.MaxSplicedCharacters)
        {
            if (_spliced - variable.Text.Length <= RecipeLimits.MaxSplicedCharacters)
            {
                _diagnostics.Error(
                    DiagnosticCodes.RecipeTooLarge, scalar.Position, $"Variable references splice more than {RecipeLimits.MaxSplicedCharacters} characters into the recipe; that is the limit.");
            }

            return false;
        }

        text.Append(variable.Text);
        return true;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NameSyntax();

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex WholeReference();
}
