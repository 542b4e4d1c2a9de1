using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Recipes.Tests.Diagnostics;

public sealed class DiagnosticTests
{
    [Fact]
    public void Positioned_diagnostics_print_in_msbuild_canonical_form() =>
        Assert.Equal(
            "recipes/a.prune.yaml(12,5): error PRN012: calibration.samples must be an integer.",
            new Diagnostic("PRN012", DiagnosticSeverity.Error, "recipes/a.prune.yaml", 12, 5, "calibration.samples must be an integer.").ToString());

    [Fact]
    public void Diagnostics_without_a_position_print_the_origin_only() =>
        Assert.Equal(
            "--set a.b: warning PRN050: Nothing.",
            new Diagnostic("PRN050", DiagnosticSeverity.Warning, "--set a.b", 0, 0, "Nothing.").ToString());
}
