using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>
/// Reads one mapping of a recipe (the top level, a section or a rule): reports unknown keys with a suggestion
/// as soon as it is created, then hands out typed values by key.
/// </summary>
internal sealed class SectionReader
{
    private readonly ValueReader _values;

    public SectionReader(MappingNode node, string path, IReadOnlyCollection<string> knownKeys, ValueReader values, SourcePosition position)
    {
        Node = node;
        Path = path;
        Position = position;
        _values = values;
        foreach (var entry in node.Entries.Where(e => !knownKeys.Contains(e.Name)))
        {
            var where = path.Length == 0 ? "at the top level" : $"in {path}";
            var hint = Suggestions.Hint(entry.Name, knownKeys);
            var message = hint.Length > 0
                ? $"Unknown key '{entry.Name}' {where}.{hint}"
                : $"Unknown key '{entry.Name}' {where}; expected one of {string.Join(", ", knownKeys)}.";
            values.Diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.Position, message);
        }
    }

    public MappingNode Node { get; }

    /// <summary>Dotted path of this mapping in the recipe, e.g. <c>calibration</c> or <c>layers[2]</c>.</summary>
    public string Path { get; }

    /// <summary>Where missing keys are reported: the key that owns this mapping, or the mapping itself.</summary>
    public SourcePosition Position { get; }

    public ValueReader Values => _values;

    public bool Has(string key) => Node.Find(key) is not null;

    public SourcePosition KeyPosition(string key) => Node.Find(key)?.Key.Position ?? Position;

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public RecipeNode? Get(string key, bool required = false)
    {
        var value = Node[key];
        if (value is null && required)
        {
            var owner = Path.Length == 0 ? "The recipe" : Path;
            _values.Diagnostics.Error(DiagnosticCodes.MissingKey, Position, $"{owner} needs '{key}'.");
        }

        return value;
    }

    public Located<string>? String(string key, bool required = false) =>
        Get(key, required) is { } node ? _values.String(node, Field(key)) : null;

    public Located<long>? Integer(string key, NumberRange range) =>
        Get(key) is { } node ? _values.Integer(node, Field(key), range) : null;

    public Located<double>? Number(string key, NumberRange range) =>
        Get(key) is { } node ? _values.Number(node, Field(key), range) : null;

    public Located<bool>? Boolean(string key) => Get(key) is { } node ? _values.Boolean(node, Field(key)) : null;

    public Located<T>? Enum<T>(string key)
        where T : struct, System.Enum => Get(key) is { } node ? _values.Enum<T>(node, Field(key)) : null;

    /// <summary>A nested mapping, checked against its own keys; null (after a type error) when it is not a mapping.</summary>
    public SectionReader? Section(string key, IReadOnlyCollection<string> knownKeys, bool required = false)
    {
        switch (Get(key, required))
        {
            case MappingNode mapping:
                return new SectionReader(mapping, Field(key), knownKeys, _values, KeyPosition(key));
            case { } other:
                _values.WrongType(other, Field(key), "a mapping");
                return null;
            default:
                return null;
        }
    }

    public SequenceNode? Sequence(string key)
    {
        switch (Get(key))
        {
            case SequenceNode sequence:
                return sequence;
            case { } other:
                _values.WrongType(other, Field(key), "a list");
                return null;
            default:
                return null;
        }
    }
}
