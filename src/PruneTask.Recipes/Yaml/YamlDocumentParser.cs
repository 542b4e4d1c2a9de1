using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PruneTask.Recipes.Yaml;

/// <summary>
/// Builds a <see cref="RecipeNode"/> tree from YamlDotNet's parser events. Working on events rather than on
/// <c>YamlStream</c> lets every duplicate key be reported (YamlStream stops at the first) while keeping marks.
/// </summary>
internal sealed class YamlDocumentParser
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly DiagnosticBag _diagnostics;
    private readonly bool _positionless;
    private readonly Dictionary<string, RecipeNode> _anchors = new(StringComparer.Ordinal);

    private YamlDocumentParser(string file, string baseDirectory, DiagnosticBag diagnostics, bool positionless)
    {
        _file = file;
        _baseDirectory = baseDirectory;
        _diagnostics = diagnostics;
        _positionless = positionless;
    }

    /// <summary>
    /// Parses one YAML document; returns null (with a PRN001 or PRN003 reported) when there is none to use.
    /// <paramref name="positionless"/> gives every node line 0, for values that come from the command line.
    /// </summary>
    public static RecipeNode? Parse(string text, string file, string baseDirectory, DiagnosticBag diagnostics, bool positionless = false) =>
        new YamlDocumentParser(file, baseDirectory, diagnostics, positionless).Parse(text);

    private RecipeNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out var end))
            {
                _diagnostics.Error(DiagnosticCodes.NotAMapping, At(end.Start), "The document is empty.");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                _diagnostics.Error(DiagnosticCodes.NotAMapping, At(second.Start), "A recipe file holds one YAML document; remove everything after the first.");
                return null;
            }

            return root;
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException?.Message ?? exception.Message;
            _diagnostics.Error(DiagnosticCodes.YamlSyntax, At(exception.Start), $"YAML syntax error: {message}");
            return null;
        }
    }

    private RecipeNode ReadNode(IParser parser)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return _anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"The alias *{alias.Value.Value} names no anchor.");
        }

        var start = parser.Current ?? throw new YamlException("Unexpected end of the document.");
        RecipeNode node = start switch
        {
            Scalar scalar => ReadScalar(parser, scalar),
            MappingStart => ReadMapping(parser),
            SequenceStart => ReadSequence(parser),
            _ => throw new YamlException(start.Start, start.End, $"Unexpected {start.GetType().Name}."),
        };

        if (start is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private ScalarNode ReadScalar(IParser parser, Scalar scalar)
    {
        parser.MoveNext();
        var kind = !scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag
            ? ScalarKind.String
            : ScalarResolver.Resolve(scalar.Value, plain: scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
        return new ScalarNode(scalar.Value, kind, At(scalar.Start), _baseDirectory);
    }

    private MappingNode ReadMapping(IParser parser)
    {
        var start = parser.Consume<MappingStart>();
        var entries = new List<MappingEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (ReadNode(parser) is not ScalarNode key)
            {
                _diagnostics.Error(DiagnosticCodes.WrongType, At(keyEvent.Start), "A key must be a plain word, not a mapping or a list.");
                ReadNode(parser);
                continue;
            }

            var value = ReadNode(parser);
            if (entries.Exists(e => e.Name == key.Text))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, key.Position, $"Duplicate key '{key.Text}'; a key may appear once per mapping.");
                continue;
            }

            entries.Add(new MappingEntry(key, value));
        }

        return new MappingNode(entries, At(start.Start), _baseDirectory);
    }

    private SequenceNode ReadSequence(IParser parser)
    {
        var start = parser.Consume<SequenceStart>();
        var items = new List<RecipeNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(parser));
        }

        return new SequenceNode(items, At(start.Start), _baseDirectory);
    }

    private SourcePosition At(Mark mark) => _positionless ? new(_file, 0, 0) : new(_file, (int)mark.Line, (int)mark.Column);
}
