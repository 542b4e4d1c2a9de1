using PruneTask.Recipes.Diagnostics;
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

    private RecipeNode? Parse(string text) => YamlDocumentParser.Parse(text, "recipe.yaml", "/base", _diagnostics);
}
