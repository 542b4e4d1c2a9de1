using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Loading;

public sealed class OverrideApplierTests : IDisposable
{
    private const string Recipe = """
        version: 1
        variables:
          sparsity: 0.5
        model:
          path: model
        calibration:
          dataset: calib.txt
        defaults:
          method: wanda
          sparsity: ${sparsity}
        layers:
          - match: "*.q_proj"
            skip: true
        """;

    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Set_changes_a_field_and_types_the_value_as_yaml()
    {
        var result = Load(["calibration.samples=32", "layers.0.skip=false", "evaluate={samples: 2}", $"evaluate.dataset={_folder.Root}/eval.jsonl"]);

        Assert.Empty(result.Diagnostics);
        var recipe = result.Recipe!;
        Assert.Equal(32, recipe.Calibration!.Samples.Value);
        Assert.False(recipe.Layers[0].Skip!.Value);
        Assert.Equal(2, recipe.Evaluation!.Samples!.Value);
    }

    [Fact]
    public void Relative_paths_from_the_command_line_resolve_against_the_current_folder()
    {
        var error = Assert.Single(Load(["calibration.dataset=calib.txt"]).Diagnostics);

        Assert.Equal(DiagnosticCodes.PathNotFound, error.Code);
        Assert.Contains(Path.Combine(Environment.CurrentDirectory, "calib.txt"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_creates_missing_sections()
    {
        var recipe = Load(["output.dtype=float16"]).Recipe!;

        Assert.Equal(OutputDtype.Float16, recipe.Output.Dtype);
    }

    [Fact]
    public void Var_and_set_variables_override_a_declared_variable()
    {
        Assert.Equal(0.6, Load([], ["sparsity=0.6"]).Recipe!.Defaults!.Target!.Value.Fraction);
        Assert.Equal(0.7, Load(["variables.sparsity=0.7"]).Recipe!.Defaults!.Target!.Value.Fraction);
    }

    [Fact]
    public void An_unknown_key_is_reported_at_the_option_with_a_suggestion()
    {
        var error = Assert.Single(Load(["calibration.sampels=32"]).Diagnostics);

        Assert.Equal((DiagnosticCodes.UnknownKey, "--set calibration.sampels", 0), (error.Code, error.File, error.Line));
        Assert.Contains("Did you mean 'samples'?", error.Message, StringComparison.Ordinal);
        Assert.Equal("--set calibration.sampels: error PRN010: " + error.Message, error.ToString());
    }

    [Fact]
    public void A_wrong_value_is_reported_at_the_option()
    {
        var error = Assert.Single(Load(["defaults.sparsity=1.5"]).Diagnostics);

        Assert.Equal((DiagnosticCodes.OutOfRange, "--set defaults.sparsity"), (error.Code, error.File));
    }

    [Theory]
    [InlineData("layers.5.skip=true", "PRN041")]
    [InlineData("model.path.inner=x", "PRN041")]
    [InlineData("evaluate.0=x", "PRN041")]
    [InlineData("version=2", "PRN041")]
    [InlineData("calibration.samples", "PRN040")]
    [InlineData("calibration..samples=3", "PRN040")]
    [InlineData("calibration.samples=[1", "PRN001")]
    [InlineData("variables.sparsty=0.6", "PRN042")]
    public void Unusable_settings_are_reported(string setting, string code) =>
        Assert.Equal(code, Assert.Single(Load([setting]).Diagnostics).Code);

    [Fact]
    public void An_undeclared_variable_gets_a_suggestion()
    {
        var error = Assert.Single(Load([], ["sparsty=0.6"]).Diagnostics);

        Assert.Equal((DiagnosticCodes.UndeclaredVariable, "--var sparsty"), (error.Code, error.File));
        Assert.Contains("Did you mean 'sparsity'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_var_without_value_is_a_syntax_error() =>
        Assert.Equal(DiagnosticCodes.InvalidOverride, Assert.Single(Load([], ["sparsity"]).Diagnostics).Code);

    private RecipeLoadResult Load(IReadOnlyList<string> settings, IReadOnlyList<string>? variables = null) =>
        _folder.Load(Recipe, new RecipeOverrides(settings, variables ?? []));
}
