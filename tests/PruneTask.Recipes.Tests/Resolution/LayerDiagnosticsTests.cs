using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Recipes.Tests.Resolution;

public sealed class LayerDiagnosticsTests
{
    private static readonly SourcePosition _here = new("r.yaml", 3, 5);

    [Fact]
    public void The_same_problem_on_many_layers_is_one_diagnostic_with_a_count()
    {
        var diagnostics = new LayerDiagnostics();
        diagnostics.Error("PRN053", _here, "Bad.", "a");
        diagnostics.Error("PRN053", _here, "Bad.", "b");
        diagnostics.Error("PRN053", _here, "Bad.", "c");
        diagnostics.Warning("PRN052", _here, "Odd.", "d");

        Assert.Equal(
            ["r.yaml(3,5): error PRN053: Bad (layers a and 2 more).", "r.yaml(3,5): warning PRN052: Odd (layer d)."],
            diagnostics.ToDiagnostics().Select(d => d.ToString()));
    }
}
