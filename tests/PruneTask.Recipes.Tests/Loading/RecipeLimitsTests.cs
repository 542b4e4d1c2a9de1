using System.Text;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Loading;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Loading;

/// <summary>Every bound of <see cref="RecipeLimits"/> is enforced and reported as PRN006 at its position.</summary>
public sealed class RecipeLimitsTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_recipe_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var result = _folder.Load(SampleRecipes.Minimal + "\n#" + new string('x', (int)RecipeLimits.MaxFileBytes) + "\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.RecipeTooLarge, 0), (error.Code, error.Line));
        Assert.EndsWith("recipe.prune.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
        Assert.False(result.IsUnreadable);
    }

    [Fact]
    public void A_recipe_of_exactly_the_size_limit_is_read()
    {
        var text = SampleRecipes.Minimal + "\n#";
        var result = _folder.Load(text + new string('x', (int)RecipeLimits.MaxFileBytes - Encoding.UTF8.GetByteCount(text)));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Recipe);
    }

    [Fact]
    public void A_base_recipe_over_the_size_limit_is_refused_at_the_extends_naming_it()
    {
        _folder.Write("huge.prune.yaml", SampleRecipes.Minimal + "\n#" + new string('x', (int)RecipeLimits.MaxFileBytes) + "\n");

        var result = _folder.Load("version: 1\nextends: huge.prune.yaml\n");

        DiagnosticAssert.Errors(result.Diagnostics, "PRN006@2:10");
    }

    [Fact]
    public void An_extends_chain_longer_than_the_limit_is_refused()
    {
        _folder.Write("base0.prune.yaml", SampleRecipes.Minimal);
        for (var i = 1; i <= RecipeLimits.MaxExtendsChain; i++)
        {
            _folder.Write($"base{i}.prune.yaml", $"version: 1\nextends: base{i - 1}.prune.yaml\n");
        }

        var within = RecipeLoader.Load(Path.Combine(_folder.Root, $"base{RecipeLimits.MaxExtendsChain - 1}.prune.yaml"));
        var beyond = RecipeLoader.Load(Path.Combine(_folder.Root, $"base{RecipeLimits.MaxExtendsChain}.prune.yaml"));

        Assert.Empty(within.Diagnostics);
        var error = Assert.Single(beyond.Diagnostics);
        Assert.Equal((DiagnosticCodes.RecipeTooLarge, 2), (error.Code, error.Line));
        Assert.EndsWith("base1.prune.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_references_that_splice_more_than_the_limit_are_refused_once()
    {
        var reference = string.Concat(Enumerable.Repeat("${v}", 2_000));
        var result = _folder.Load(SampleRecipes.Minimal + $"""

            variables:
              v: {new string('x', 1_000)}
            output:
              path: "{reference}"
            cache:
              path: "{reference}"
            """);

        var error = DiagnosticAssert.Single(result.Diagnostics, DiagnosticCodes.RecipeTooLarge);
        Assert.Equal(12, error.Line);
    }
}
