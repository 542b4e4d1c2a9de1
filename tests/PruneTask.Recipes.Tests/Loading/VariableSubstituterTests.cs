using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Loading;

public sealed class VariableSubstituterTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_whole_reference_takes_the_variable_type_and_an_embedded_one_is_text()
    {
        var recipe = Load("""
            variables: {name: run, s: 0.25, n: 8}
            calibration: {dataset: calib.txt, samples: "${n}"}
            defaults: {method: wanda, sparsity: "${s}"}
            output: {path: "out/${name}-${s}"}
            """).Recipe!;

        Assert.Equal(0.25, recipe.Defaults!.Target!.Value.Fraction);
        Assert.Equal(8, recipe.Calibration!.Samples.Value);
        Assert.Equal(Path.Combine(_folder.Root, "out", "run-0.25"), recipe.Output.Path.Value);
    }

    [Fact]
    public void A_substituted_value_that_does_not_fit_names_the_variable()
    {
        var error = Assert.Single(Load("""
            variables: {s: 2}
            calibration: {dataset: calib.txt}
            defaults: {method: wanda, sparsity: "${s}"}
            """).Diagnostics);

        Assert.Equal(("PRN014", 5), (error.Code, error.Line));
        Assert.Contains("(from ${s})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_is_reported_with_a_suggestion_and_nothing_else()
    {
        var error = Assert.Single(Load("""
            variables: {sparsity: 0.5}
            defaults: {method: magnitude, sparsity: "${sparsty}"}
            """).Diagnostics);

        Assert.Equal("PRN033", error.Code);
        Assert.Contains("Did you mean 'sparsity'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out/${unclosed")]
    [InlineData("out/${not-a-name}")]
    public void Malformed_references_are_reported(string path) =>
        Assert.Equal("PRN034", Assert.Single(Load($"output: {{path: \"{path}\"}}").Diagnostics).Code);

    [Fact]
    public void Double_dollar_writes_a_literal_reference()
    {
        var recipe = Load("output: {path: \"out/$${literal}\"}").Recipe!;

        Assert.Equal(Path.Combine(_folder.Root, "out", "${literal}"), recipe.Output.Path.Value);
    }

    [Theory]
    [InlineData("variables: [a, b]", "PRN012")]
    [InlineData("variables: {a: null}", "PRN012")]
    [InlineData("variables: {9lives: 1}", "PRN015")]
    public void Malformed_variables_are_reported(string variables, string code) =>
        Assert.Equal(code, Assert.Single(Load(variables).Diagnostics).Code);

    private RecipeLoadResult Load(string body) =>
        _folder.Load("version: 1\nmodel: {path: model}\n" + body + "\n");
}
