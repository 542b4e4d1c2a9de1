using System.Text.Json.Nodes;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;
using PruneTask.Recipes.Schema;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Schema;

public sealed class RecipeSchemaGeneratorTests
{
    private const string Regenerate = "run ./build.sh schema (or: dotnet run --project src/PruneTask.Cli -- schema -o prune.schema.json) and commit the result";

    /// <summary>sparsegpt with one more option, as a change to the declaration would add it.</summary>
    private static readonly OptionDefinition _example = OptionDefinition.Number("example_option", 0.5, NumberRange.Fraction, "a test option.");

    [Fact]
    public void The_repository_schema_is_the_generated_one()
    {
        var file = File.ReadAllText(Path.Combine(RepositoryPaths.Root, RecipeSchema.FileName));

        Assert.True(
            file == RecipeSchemaGenerator.Generate(),
            $"{RecipeSchema.FileName} differs from the schema generated from the method declarations (src/PruneTask.Recipes/Methods); {Regenerate}.");
        Assert.Equal(RecipeSchemaGenerator.Generate(), RecipeSchema.Text);
    }

    [Fact]
    public void The_text_is_byte_stable_with_two_space_indents_and_unix_line_ends()
    {
        var text = RecipeSchemaGenerator.Generate();

        Assert.Equal(text, RecipeSchemaGenerator.Generate());
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.Equal(0, (line.Length - line.TrimStart(' ').Length) % 2));
        Assert.Contains("\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n", text, StringComparison.Ordinal);
        Assert.Contains("‖x‖", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_option_and_target_is_described_with_the_methods_that_take_it()
    {
        var definitions = Definitions(RecipeSchemaGenerator.Generate());

        Assert.Equal("sparsegpt, osscar: damping added to the Hessian diagonal, relative to its mean (percdamp / λ₂).", definitions["damping"]!["description"]!.GetValue<string>());
        Assert.Equal("Target (osscar, norm): fraction of the layer's neurons or heads kept, in (0, 1].", definitions["keep"]!["description"]!.GetValue<string>());
        Assert.Equal(TargetKinds.PatternSyntax, definitions["pattern"]!["anyOf"]![0]!["pattern"]!.GetValue<string>());
        Assert.EndsWith("Only `sparsity`, `pattern` and `compression` targets are allocated.", definitions["allocation"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_added_to_a_method_declaration_is_a_field_of_that_method_only()
    {
        var schema = RecipeSchemaGenerator.Generate(WithExampleOption());
        var definitions = Definitions(schema);

        var option = definitions["example_option"]!;
        Assert.Equal("sparsegpt: a test option.", option["description"]!.GetValue<string>());
        Assert.Equal(0.5, option["default"]!.GetValue<double>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "type": "number", "minimum": 0, "exclusiveMaximum": 1 }"""), option["anyOf"]![0]));
        foreach (var mapping in new[] { "defaults", "rule" })
        {
            var branches = definitions[mapping]!["allOf"]!.AsArray();
            Assert.NotNull(branches[0]!["properties"]!["example_option"]);
            Assert.NotNull(Branch(branches, MethodNames.SparseGpt)["example_option"]);
            Assert.Null(Branch(branches, MethodNames.Wanda)["example_option"]);
        }

        Assert.Contains("\"example_option\"", definitions["rule"]!["allOf"]!.AsArray().Last(b => b!["anyOf"]?[0]?["not"]?["required"]?[0]?.GetValue<string>() == "skip")!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"example_option\"", RecipeSchemaGenerator.Generate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sparsegpt", "sparsity: 0.5", true)]
    [InlineData("sparsegpt", "pattern: \"2:4\"", true)]
    [InlineData("wanda", "sparsity: 0.5", false)]
    public void A_recipe_may_set_the_added_option_where_its_method_is_named(string method, string target, bool valid)
    {
        var recipe = $"version: 1\nmodel:\n  path: m\ndefaults:\n  method: {method}\n  {target}\n  example_option: 0.25\n";

        var errors = SchemaCheck.Errors(recipe, RecipeSchemaGenerator.Generate(WithExampleOption()));

        Assert.Equal(valid, errors.Count == 0);
        Assert.NotEmpty(SchemaCheck.Errors(recipe));
    }

    [Fact]
    public void The_added_option_out_of_its_range_is_refused()
    {
        var errors = SchemaCheck.Errors("version: 1\nmodel:\n  path: m\ndefaults:\n  method: sparsegpt\n  sparsity: 0.5\n  example_option: 1\n", RecipeSchemaGenerator.Generate(WithExampleOption()));

        Assert.Contains(errors, e => e.StartsWith("/defaults/example_option", StringComparison.Ordinal));
    }

    [Fact]
    public void A_method_added_to_the_declaration_is_in_the_method_enum_and_in_its_targets_descriptions()
    {
        MethodDefinition pruneAll = new("everything", "Prunes every neuron it may.", [TargetKind.Keep], [_example], StatisticsNeed.None, IsStructured: true);

        var definitions = Definitions(RecipeSchemaGenerator.Generate([.. MethodCatalog.Methods, pruneAll]));

        Assert.Contains("everything", definitions["method"]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("`everything`: Prunes every neuron it may.", definitions["method"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Target (osscar, norm, everything):", definitions["keep"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("everything: a test option.", definitions["example_option"]!["description"]!.GetValue<string>());
        Assert.NotNull(Branch(definitions["rule"]!["allOf"]!.AsArray(), "everything")["keep"]);
    }

    internal static List<MethodDefinition> WithExampleOption() =>
        [.. MethodCatalog.Methods.Select(m => m.Name == MethodNames.SparseGpt ? m with { Options = [.. m.Options, _example] } : m)];

    private static JsonObject Definitions(string schema) => JsonNode.Parse(schema)!["definitions"]!.AsObject();

    private static JsonObject Branch(JsonArray branches, string method) =>
        branches.Single(b => b!["if"]?["properties"]?["method"]?["const"]?.GetValue<string>() == method)!["then"]!["properties"]!.AsObject();
}
