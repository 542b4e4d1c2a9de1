using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class OutputSectionReaderTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_onnx_no_ONNX_file_is_written() =>
        Assert.Null(Output("output:\n  format: dense\n").Onnx);

    [Fact]
    public void Onnx_false_writes_no_ONNX_file() =>
        Assert.Null(Output("output:\n  onnx: false\n").Onnx);

    [Fact]
    public void Onnx_true_takes_the_defaults_and_keeps_its_position()
    {
        var onnx = Output("output:\n  onnx: true\n").Onnx!;

        Assert.Equal(OnnxFactoredForm.Separate, onnx.Factored);
        Assert.Equal((10, 9), (onnx.Position.Line, onnx.Position.Column));
    }

    [Fact]
    public void Onnx_as_a_mapping_reads_its_factored_form() =>
        Assert.Equal(OnnxFactoredForm.Merged, Output("output:\n  onnx:\n    factored: merged\n").Onnx!.Factored);

    [Fact]
    public void An_unknown_key_under_onnx_is_reported() =>
        DiagnosticAssert.Errors(_folder.Load(SampleRecipes.Minimal + "\noutput:\n  onnx:\n    opset: 18\n").Diagnostics, "PRN010@11:5");

    private OutputSettings Output(string yaml)
    {
        var result = _folder.Load(SampleRecipes.Minimal + "\n" + yaml);
        Assert.Empty(result.Diagnostics);
        return result.Recipe!.Output;
    }
}
