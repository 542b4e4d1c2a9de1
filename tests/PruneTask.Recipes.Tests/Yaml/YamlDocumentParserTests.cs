using System.Text;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Loading;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Tests.Yaml;

public sealed class YamlDocumentParserTests
{
    private readonly DiagnosticBag _diagnostics = new();

    [Fact]
    public void Keys_and_values_keep_one_based_lines_and_columns()
    {
        var root = (MappingNode)Parse("version: 1\nmodel:\n  path: models/x\n")!;

        var model = root.Find("model")!;
        var path = ((MappingNode)model.Value).Find("path")!;
        Assert.Equal((2, 1), (model.Key.Position.Line, model.Key.Position.Column));
        Assert.Equal((3, 3), (path.Key.Position.Line, path.Key.Position.Column));
        Assert.Equal((3, 9), (path.Value.Position.Line, path.Value.Position.Column));
        Assert.Equal("recipe.yaml", path.Value.Position.File);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_and_the_first_value_kept()
    {
        var root = (MappingNode)Parse("a: 1\nb: 2\na: 3\nb: 4\n")!;

        DiagnosticAssert.Errors(_diagnostics.Items, "PRN004@3:1", "PRN004@4:1");
        Assert.Equal("1", ((ScalarNode)root["a"]!).Text);
    }

    [Fact]
    public void A_syntax_error_is_reported_at_its_mark()
    {
        Assert.Null(Parse("model:\n  path: [unclosed\n"));

        Assert.Equal(DiagnosticCodes.YamlSyntax, Assert.Single(_diagnostics.Items).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a: 1\n---\nb: 2\n")]
    public void Empty_or_multi_document_files_are_rejected(string text)
    {
        Assert.Null(Parse(text));

        Assert.Equal(DiagnosticCodes.NotAMapping, Assert.Single(_diagnostics.Items).Code);
    }

    [Fact]
    public void Aliases_resolve_to_the_anchored_node()
    {
        var root = (MappingNode)Parse("a: &x {m: 5}\nb: *x\n")!;

        Assert.Same(root["a"], root["b"]);
    }

    [Fact]
    public void An_alias_without_anchor_is_a_syntax_error()
    {
        Assert.Null(Parse("a: *nowhere\n"));

        Assert.Equal(DiagnosticCodes.YamlSyntax, Assert.Single(_diagnostics.Items).Code);
    }

    [Fact]
    public void A_str_tag_makes_a_number_a_string()
    {
        var root = (MappingNode)Parse("a: !!str 5\n")!;

        Assert.Equal(ScalarKind.String, ((ScalarNode)root["a"]!).Kind);
    }

    [Fact]
    public void Positionless_parsing_gives_line_zero()
    {
        var node = YamlDocumentParser.Parse("{a: 1}", "--set x", ".", _diagnostics, positionless: true)!;

        Assert.Equal(0, ((MappingNode)node)["a"]!.Position.Line);
    }

    [Theory]
    [InlineData("samples: [8", 2)]
    [InlineData("samples: [8\n", 2)]
    [InlineData("a:\n  b: {c: 1\n", 3)]
    [InlineData("a: 'unclosed", 1)]
    [InlineData("a: \"unclosed\n", 1)]
    [InlineData("a: [1, 2]]\n", 1)]
    [InlineData("version: 1\ncalibration:\n  samples: [8\noutput:\n  path: x\n", 3)]
    [InlineData("a: [8\nb: 1", 1)]
    [InlineData("a:\n  - {b: [8\n  c: 1\n", 4)]
    [InlineData("a: {b: 1}}\n", 1)]
    [InlineData("]\n", 1)]
    [InlineData("a: b: c\n", 1)]
    [InlineData("a:\n- b\n c: d\n", 3)]
    [InlineData("a: &x [*x]\n", 1)]
    [InlineData("a: *\n", 1)]
    [InlineData("a: &\n", 1)]
    [InlineData("a: !<x\n", 1)]
    [InlineData("a: @x\n", 1)]
    [InlineData("a: `x\n", 1)]
    [InlineData("a: \"\\q\"\n", 1)]
    [InlineData("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 2)]
    [InlineData("? [a\n", 2)]
    [InlineData("- a\nb: 1\n", 2)]
    [InlineData("a: |\n  x\n y\n", 3)]
    [InlineData("{a: 1, [b]: 2\n", 2)]
    public void Malformed_yaml_is_one_PRN001_at_its_line_never_an_exception(string text, int line)
    {
        Assert.Null(Parse(text));

        var error = Assert.Single(_diagnostics.Items);
        Assert.Equal((DiagnosticCodes.YamlSyntax, line), (error.Code, error.Line));
        Assert.Equal("recipe.yaml", error.File);
    }

    [Fact]
    public void An_unclosed_flow_list_followed_by_more_keys_is_reported_at_its_bracket()
    {
        Assert.Null(Parse("version: 1\ncalibration:\n  samples: [8\n  seed: 3\noutput:\n  path: x\n"));

        DiagnosticAssert.Errors(_diagnostics.Items, "PRN001@3:12");
    }

    [Fact]
    public void An_alias_bomb_is_refused_once_the_expanded_tree_passes_the_node_limit()
    {
        // "Billion laughs": 9 levels of 9 aliases to the level below, 9^9 nodes once expanded, 353 bytes of text.
        var text = new StringBuilder("l0: &l0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        Assert.Null(Parse(text.ToString()));

        var error = Assert.Single(_diagnostics.Items);
        Assert.Equal(DiagnosticCodes.RecipeTooLarge, error.Code);
        Assert.True(error.Line is >= 6 and <= 7, $"reported at line {error.Line}: the first level whose expansion passes {RecipeLimits.MaxNodes} nodes");
        Assert.Contains(RecipeLimits.MaxNodes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_of_exactly_the_node_limit_loads_and_one_more_node_is_refused()
    {
        // The mapping, its key, the list and its items: MaxNodes - 3 items make MaxNodes nodes.
        static string List(int items) => "a: [" + string.Join(",", Enumerable.Repeat("1", items)) + "]\n";

        Assert.NotNull(Parse(List(RecipeLimits.MaxNodes - 3)));
        Assert.Empty(_diagnostics.Items);

        Assert.Null(Parse(List(RecipeLimits.MaxNodes - 2)));
        Assert.Equal(DiagnosticCodes.RecipeTooLarge, Assert.Single(_diagnostics.Items).Code);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Nesting_deeper_than_the_limit_is_refused_without_exhausting_the_stack(string open, string close)
    {
        const int Depth = 200_000;
        Assert.Null(Parse("a: " + string.Concat(Enumerable.Repeat(open, Depth)) + string.Concat(Enumerable.Repeat(close, Depth)) + "\n"));

        var error = Assert.Single(_diagnostics.Items);
        Assert.Equal((DiagnosticCodes.RecipeTooLarge, 1), (error.Code, error.Line));
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses()
    {
        var depth = RecipeLimits.MaxDepth - 1;
        Assert.NotNull(Parse("a: " + new string('[', depth) + new string(']', depth) + "\n"));
        Assert.Empty(_diagnostics.Items);
    }

    private RecipeNode? Parse(string text) => YamlDocumentParser.Parse(text, "recipe.yaml", "/base", _diagnostics);
}
