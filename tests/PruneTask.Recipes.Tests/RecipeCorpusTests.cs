using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests;

/// <summary>
/// One truth: every corpus recipe goes through both the loader and prune.schema.json (JsonSchema.Net, draft-07), and they
/// must agree. valid/ passes both; invalid/ fails both, with the loader reporting exactly the expected codes at
/// the expected positions; semantic/ holds what JSON Schema cannot express (file system, extends, variable
/// values, N &lt; M, comparing two fields, glob and regex syntax): the schema passes it and the loader reports it.
/// </summary>
public sealed class RecipeCorpusTests
{
    public static TheoryData<string> Valid => CorpusRecipe.Names("valid");

    public static TheoryData<string> Invalid => CorpusRecipe.Names("invalid");

    public static TheoryData<string> Semantic => CorpusRecipe.Names("semantic");

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_recipe_passes_the_loader_and_the_schema(string name)
    {
        var recipe = CorpusRecipe.Open("valid", name);

        Assert.Empty(SchemaCheck.Errors(File.ReadAllText(recipe.Path)));
        Assert.Empty(RecipeLoader.Load(recipe.Path).Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_recipe_fails_the_schema_and_the_loader_at_the_expected_positions(string name)
    {
        var recipe = CorpusRecipe.Open("invalid", name);

        Assert.NotEmpty(recipe.Expected);
        Assert.NotEmpty(SchemaCheck.Errors(File.ReadAllText(recipe.Path)));
        AssertLoaderReports(recipe);
    }

    [Theory]
    [MemberData(nameof(Semantic))]
    public void Semantic_recipe_passes_the_schema_and_the_loader_reports_it(string name)
    {
        var recipe = CorpusRecipe.Open("semantic", name);

        Assert.NotEmpty(recipe.Expected);
        Assert.Empty(SchemaCheck.Errors(File.ReadAllText(recipe.Path)));
        AssertLoaderReports(recipe);
    }

    /// <summary>examples/**/*.prune.yaml, bases and children alike.</summary>
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.prune.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The examples point at the model and data examples/tiny-llama/ModelMaker writes into work/, which a fresh
    /// checkout lacks: the loader may report those paths missing, and nothing else.
    /// </summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_recipe_passes_the_schema_and_the_loader_misses_only_the_generated_work_folder(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Root, relativePath);

        Assert.Empty(SchemaCheck.Errors(File.ReadAllText(path)));
        Assert.All(RecipeLoader.Load(path).Diagnostics, d =>
        {
            Assert.Equal(DiagnosticCodes.PathNotFound, d.Code);
            Assert.Contains("work/", d.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Corpus_holds_at_least_forty_recipes_on_which_loader_and_schema_agree()
    {
        Assert.True(Valid.Count + Invalid.Count >= 40, $"{Valid.Count} valid + {Invalid.Count} invalid recipes");
    }

    private static void AssertLoaderReports(CorpusRecipe recipe)
    {
        var result = RecipeLoader.Load(recipe.Path);

        Assert.Null(result.Recipe);
        var actual = result.Diagnostics.Select(d => new CorpusExpectation(d.Code, d.File, d.Line, d.Column));
        Assert.Equal(recipe.Expected, actual);
    }
}
