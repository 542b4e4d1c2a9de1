using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class MethodSettingsReaderTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Options_are_typed_and_kept_in_written_order_with_positions()
    {
        var defaults = Defaults("{method: sparsegpt, sparsity: 0.5, damping: 0.02, blocksize: 64}").Recipe!.Defaults!;

        Assert.Equal(["damping", "blocksize"], defaults.Options.Select(o => o.Key));
        Assert.Equal(0.02, defaults.Options[0].Value.Value);
        Assert.Equal(64L, defaults.Options[1].Value.Value);
        Assert.Equal(3, defaults.Options[1].Value.Position.Line);
    }

    [Fact]
    public void A_pattern_target_parses_to_n_of_m()
    {
        var target = Defaults("{method: wanda, pattern: \"2:4\"}").Recipe!.Defaults!.Target!.Value;

        Assert.Equal(new PruneTarget.Pattern(new NmPattern(2, 4)), target);
        Assert.Equal(0.5, target.Fraction);
        Assert.Equal("pattern 2:4", target.ToString());
    }

    [Theory]
    [InlineData("{method: wanda, sparsity: 0.5, blocksize: 64}", "PRN021@3:42")]
    [InlineData("{method: osscar, sparsity: 0.5}", "PRN022@3:28")]
    [InlineData("{method: oats, compression: 0.5, pattern: \"2:4\"}", "PRN023@3:44")]
    [InlineData("{method: wanda, pattern: \"8:4\"}", "PRN020@3:36")]
    [InlineData("{method: wanda, pattern: \"0:4\"}", "PRN015@3:36")]
    [InlineData("{method: magnitude, sparsity: 0.5, scope: column}", "PRN013@3:53")]
    [InlineData("{method: osscar, keep: 0.5, update_iter: 0}", "PRN014@3:52")]
    [InlineData("{method: osscar, keep: 1.5}", "PRN014@3:34")]
    [InlineData("{method: sparsegpt, sparsity: 0.5, damping: 0}", "PRN014@3:55")]
    public void Mistakes_in_method_fields_are_reported_at_the_key_or_value(string defaults, string expected) =>
        DiagnosticAssert.Errors(Defaults(defaults).Diagnostics, expected);

    [Fact]
    public void An_unknown_method_does_not_also_flag_its_options()
    {
        var result = Defaults("{method: sparsgpt, sparsity: 0.5, blocksize: 64}");

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("Did you mean 'sparsegpt'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_iter_accepts_auto_or_an_integer()
    {
        var defaults = Defaults("{method: osscar, keep: 0.5, update_iter: auto, groups: heads}").Recipe!.Defaults!;

        Assert.Equal("auto", defaults.Options.Single(o => o.Key == "update_iter").Value.Value);
    }

    private RecipeLoadResult Defaults(string defaults) => _folder.Load($"""
        version: 1
        model: {"{"}path: model{"}"}
        defaults: {defaults}
        calibration: {"{"}dataset: calib.txt{"}"}
        """);
}
