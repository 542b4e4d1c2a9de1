using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Loading;

public sealed class ExtendsChainTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_recipe_lists_itself_and_every_base_as_source_files()
    {
        _folder.Write("bases/root.prune.yaml", SampleRecipes.Minimal.Replace("path: model", "path: ../model").Replace("dataset: calib.txt", "dataset: ../calib.txt"));
        _folder.Write("bases/middle.prune.yaml", "version: 1\nextends: root.prune.yaml\n");
        var result = _folder.Load("version: 1\nextends: bases/middle.prune.yaml\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["recipe.prune.yaml", "middle.prune.yaml", "root.prune.yaml"],
            result.Recipe!.SourceFiles.Select(Path.GetFileName));
    }

    [Fact]
    public void Paths_in_a_base_resolve_against_the_base_file()
    {
        _folder.Write("bases/root.prune.yaml", SampleRecipes.Minimal.Replace("path: model", "path: ../model").Replace("dataset: calib.txt", "dataset: ../calib.txt"));
        var result = _folder.Load("version: 1\nextends: bases/root.prune.yaml\n");

        Assert.Equal(Path.Combine(_folder.Root, "model"), result.Recipe!.Model.Path.Value);
    }

    [Fact]
    public void A_cycle_is_reported_at_the_extends_that_closes_it()
    {
        _folder.Write("b.prune.yaml", "version: 1\nextends: recipe.prune.yaml\n");
        var result = _folder.Load("version: 1\nextends: b.prune.yaml\n");

        var error = DiagnosticAssert.Single(result.Diagnostics, DiagnosticCodes.ExtendsCycle);
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.EndsWith("b.prune.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("recipe.prune.yaml -> b.prune.yaml -> recipe.prune.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_base_is_reported_at_the_extends_value()
    {
        var result = _folder.Load("version: 1\nextends: nowhere.prune.yaml\n");

        DiagnosticAssert.Errors(result.Diagnostics, "PRN030@2:10");
    }

    [Fact]
    public void Mistakes_in_a_base_are_reported_in_the_base_file()
    {
        _folder.Write("base.prune.yaml", SampleRecipes.Minimal + "\n  sparsty: 0.5\n");
        var result = _folder.Load("version: 1\nextends: base.prune.yaml\n");

        var error = DiagnosticAssert.Single(result.Diagnostics, DiagnosticCodes.UnknownKey);
        Assert.EndsWith("base.prune.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void Every_file_of_the_chain_must_say_version_1()
    {
        _folder.Write("base.prune.yaml", SampleRecipes.Minimal.Replace("version: 1", "version: 3"));
        var result = _folder.Load("version: 1\nextends: base.prune.yaml\n");

        Assert.Equal(DiagnosticCodes.UnsupportedVersion, Assert.Single(result.Diagnostics).Code);
    }
}
