using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests;

public sealed class RecipeLoaderTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Minimal_recipe_loads_with_every_default_filled_in()
    {
        var result = _folder.Load(SampleRecipes.Minimal, name: "llama-50.prune.yaml");

        Assert.Empty(result.Diagnostics);
        var recipe = result.Recipe!;
        Assert.Equal(Path.Combine(_folder.Root, "model"), recipe.Model.Path.Value);
        var calibration = recipe.Calibration!;
        Assert.Equal(Path.Combine(_folder.Root, "calib.txt"), calibration.Dataset.Value);
        Assert.Equal((128, 2048, 0L), (calibration.Samples.Value, calibration.SequenceLength.Value, calibration.Seed));
        Assert.Equal((TokenizerKind.Auto, Propagation.Pruned, "text"), (calibration.Tokenizer, calibration.Propagation, calibration.TextField));
        Assert.Equal(Path.Combine(_folder.Root, "out", "llama-50"), recipe.Output.Path.Value);
        Assert.Equal((OutputFormat.Dense, OutputDtype.Same), (recipe.Output.Format.Value, recipe.Output.Dtype));
        Assert.Equal(AllocationSettings.Uniform, recipe.Allocation);
        Assert.Equal(MethodNames.Wanda, recipe.Defaults!.Method!.Value);
        Assert.Equal(new PruneTarget.Sparsity(0.5), recipe.Defaults.Target!.Value);
        Assert.Equal([Path.Combine(_folder.Root, "llama-50.prune.yaml")], recipe.SourceFiles);
    }

    [Fact]
    public void Method_fields_keep_the_line_and_column_of_their_key()
    {
        var result = _folder.Load(SampleRecipes.Minimal);

        var position = result.Recipe!.Defaults!.Target!.Position;
        Assert.Equal((8, 3), (position.Line, position.Column));
        Assert.EndsWith("recipe.prune.yaml", position.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_independent_mistakes_are_all_reported_with_their_positions()
    {
        var result = _folder.Load(SampleRecipes.ThreeMistakes);

        Assert.Null(result.Recipe);
        DiagnosticAssert.Errors(result.Diagnostics, "PRN010@6:3", "PRN014@9:13", "PRN013@11:11");
        Assert.Contains("Did you mean 'samples'?", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_recipe_file_is_reported_as_unreadable()
    {
        var result = RecipeLoader.Load(Path.Combine(_folder.Root, "absent.prune.yaml"));

        Assert.True(result.IsUnreadable);
        Assert.Equal(DiagnosticCodes.RecipeUnreadable, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Diagnostics_come_sorted_by_position()
    {
        var result = _folder.Load("""
            version: 1
            zzz: 1
            model:
              path: model
            aaa: 2
            """);

        Assert.Equal([2, 5], result.Diagnostics.Select(d => d.Line));
    }
}
