using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Loading;
using PruneTask.Recipes.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PruneTask.Recipes.Yaml;

/// <summary>
/// Builds a <see cref="RecipeNode"/> tree from YamlDotNet's parser events. Working on events rather than on
/// <c>YamlStream</c> lets every duplicate key be reported (YamlStream stops at the first) while keeping marks.
/// Aliases share the anchored node, but later stages walk the tree as a tree, so every alias counts as a full copy
/// against <see cref="RecipeLimits.MaxNodes"/>: an alias bomb is refused after at most that many nodes.
/// </summary>
internal sealed class YamlDocumentParser
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly DiagnosticBag _diagnostics;
    private readonly bool _positionless;
    private readonly Dictionary<string, (RecipeNode Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _nodes;
    private int _depth;

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
        var scanner = new FlowTrackingScanner(new Scanner(new StringReader(text)));
        try
        {
            return ParseDocument(new Parser(scanner));
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException?.Message ?? exception.Message;
            _diagnostics.Error(DiagnosticCodes.YamlSyntax, At(exception.Start), $"YAML syntax error: {message}");
        }
        catch (LimitExceededException exception)
        {
            _diagnostics.Error(DiagnosticCodes.RecipeTooLarge, At(exception.Mark), exception.Message);
        }
        catch (Exception exception) when (exception is InvalidOperationException or EndOfStreamException)
        {
            // YamlDotNet's scanner throws these, without a position, when a flow collection is left open.
            _diagnostics.Error(
                DiagnosticCodes.YamlSyntax,
                scanner.InnermostOpen is { } open ? At(open) : EndOf(text),
                scanner.InnermostOpen is null ? "YAML syntax error: the document ends unexpectedly." : "YAML syntax error: this [ or { is not closed where it should be.");
        }

        return null;
    }

    private RecipeNode? ParseDocument(Parser parser)
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

    private RecipeNode ReadNode(IParser parser)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            var (target, size) = _anchors.TryGetValue(alias.Value.Value, out var entry)
                ? entry
                : throw new YamlException(alias.Start, alias.End, $"The alias *{alias.Value.Value} names no anchor.");
            Count(size, alias.Start);
            return target;
        }

        var start = parser.Current ?? throw new EndOfStreamException("the text ends inside a node");
        var before = _nodes;
        Count(1, start.Start);
        RecipeNode node = start switch
        {
            Scalar scalar => ReadScalar(parser, scalar),
            MappingStart => ReadMapping(parser),
            SequenceStart => ReadSequence(parser),
            _ => throw new YamlException(start.Start, start.End, $"Unexpected {start.GetType().Name}."),
        };

        if (start is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = (node, _nodes - before);
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
        Enter(start.Start);
        var entries = new List<MappingEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
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
            if (!names.Add(key.Text))
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, key.Position, $"Duplicate key '{key.Text}'; a key may appear once per mapping.");
                continue;
            }

            entries.Add(new MappingEntry(key, value));
        }

        _depth--;
        return new MappingNode(entries, At(start.Start), _baseDirectory);
    }

    private SequenceNode ReadSequence(IParser parser)
    {
        var start = parser.Consume<SequenceStart>();
        Enter(start.Start);
        var items = new List<RecipeNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(parser));
        }

        _depth--;
        return new SequenceNode(items, At(start.Start), _baseDirectory);
    }

    private void Count(int nodes, Mark at)
    {
        _nodes += nodes;
        if (_nodes > RecipeLimits.MaxNodes)
        {
            throw new LimitExceededException(at, $"The recipe holds more than {RecipeLimits.MaxNodes} YAML nodes once aliases are expanded; that is the limit.");
        }
    }

    /// <summary>Opens a mapping or list (closed by decrementing <see cref="_depth"/>; after a failure the parser is dropped).</summary>
    private void Enter(Mark start)
    {
        if (++_depth > RecipeLimits.MaxDepth)
        {
            throw new LimitExceededException(start, $"The recipe nests mappings and lists more than {RecipeLimits.MaxDepth} deep; that is the limit.");
        }
    }

    private SourcePosition EndOf(string text)
    {
        var lastBreak = text.LastIndexOf('\n');
        return _positionless ? new(_file, 0, 0) : new(_file, text.Count(c => c == '\n') + 1, text.Length - lastBreak);
    }

    private SourcePosition At(Mark mark) => _positionless ? new(_file, 0, 0) : new(_file, (int)mark.Line, (int)mark.Column);

    private sealed class LimitExceededException(Mark mark, string message) : Exception(message)
    {
        public Mark Mark { get; } = mark;
    }
}
