using System.Text.Json.Nodes;
using Onnx;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Stages;
using PruneTask.Tests.Common;
using TorchSharp;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Stages;

public sealed class OnnxExportStageTests : IDisposable
{
    private const float Tolerance = 1e-4f;

    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("tiny-llama-gqa", "*.mlp.down_proj", "*.self_attn.o_proj")]
    [InlineData("tiny-gpt2", "*.mlp.c_proj", "*.attn.c_proj")]
    public void A_shrunk_OSSCAR_output_exports_at_its_smaller_sizes_and_matches_the_engine(string fixture, string neurons, string heads)
    {
        var body = $"""
            layers:
              - match: "{neurons}"
                method: osscar
                keep: 0.5
              - match: "{heads}"
                method: osscar
                keep: 0.5
            """;

        var result = _workspace.Run(WithOnnx(_workspace.Recipe(body, fixture: fixture, format: "shrunk"), "true"));

        AssertChecked(result, fixture);
        var dense = Path.Combine(_workspace.Root, "dense.onnx");
        using (var model = ModelLoader.Load(RepositoryPaths.Fixture("models", fixture)))
        {
            OnnxExporter.Write(dense, model);
        }

        Assert.True(new FileInfo(OnnxFile).Length < new FileInfo(dense).Length * 0.9, "the shrunk graph is not smaller than the dense one");
    }

    [Theory]
    [InlineData("tiny-llama-gqa", "separate")]
    [InlineData("tiny-llama-gqa", "merged")]
    [InlineData("tiny-phi3", "separate")]
    [InlineData("tiny-opt", "separate")]
    [InlineData("tiny-gpt2", "separate")]
    public void A_factored_OATS_output_exports_as_the_recipe_says_and_matches_the_engine(string fixture, string form)
    {
        var result = _workspace.Run(WithOnnx(_workspace.Recipe(PipelineWorkspace.Oats, fixture: fixture, format: "factored"), $"{{ factored: {form} }}"));

        AssertChecked(result, fixture);
        Assert.Equal(form, result.Report.Onnx!.FactoredForm);
        var initializers = ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxFile)).Graph.Initializer.Select(t => t.Name).ToList();
        Assert.Equal(form == "separate", initializers.Any(n => n.EndsWith(".lowrank_u", StringComparison.Ordinal)));
        Assert.Equal(form == "separate", initializers.Any(n => n.EndsWith(".sparse", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_check_uses_the_evaluation_windows_and_is_recorded_in_report_json_and_the_lock_file()
    {
        var body = """
            defaults:
              method: wanda
              sparsity: 0.5
            evaluate:
              dataset: tokens.bin
              samples: 3
              sequence_length: 16
            """;

        var result = _workspace.Run(WithOnnx(_workspace.Recipe(body), "true"));

        var onnx = result.Report.Onnx!;
        Assert.Equal(("evaluation", 2, 16), (onnx.Data, onnx.Windows, onnx.SequenceLength));
        Assert.True(onnx.Passed);
        Assert.StartsWith("onnxruntime 1.", onnx.Runtime, StringComparison.Ordinal);
        var written = JsonNode.Parse(_workspace.OutputBytes(RunReport.FileName))!["onnx"]!;
        Assert.Equal(onnx.MaxAbsDifference, (double)written["max_abs_difference"]!);
        Assert.Contains(OnnxExporter.FileName, result.Lock.Outputs.Keys);
    }

    [Fact]
    public void Without_data_the_check_runs_on_random_windows()
    {
        var body = """
            defaults:
              method: magnitude
              sparsity: 0.5
            """;

        var result = _workspace.Run(WithOnnx(_workspace.Recipe(body, calibrated: false), "true"));

        Assert.Equal(("random", OnnxExportStage.Windows, OnnxExportStage.RandomTokens), (result.Report.Onnx!.Data, result.Report.Onnx.Windows, result.Report.Onnx.SequenceLength));
    }

    private string OnnxFile => Path.Combine(_workspace.Output, OnnxExporter.FileName);

    /// <summary>The recipe with <c>output.onnx: <paramref name="onnx"/></c>.</summary>
    private static string WithOnnx(string recipe, string onnx)
    {
        var text = File.ReadAllText(recipe);
        File.WriteAllText(recipe, text.Replace("\n  format: ", $"\n  onnx: {onnx}\n  format: ", StringComparison.Ordinal));
        return recipe;
    }

    /// <summary>The run's check passed, and model.onnx gives the written model's logits on the fixture's reference ids.</summary>
    private void AssertChecked(RunResult result, string fixture)
    {
        Assert.NotNull(result.Report.Onnx);
        Assert.True(result.Report.Onnx.Passed, $"max |Δ| {result.Report.Onnx.MaxAbsDifference}");
        using var scope = torch.NewDisposeScope();
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", fixture, "reference.safetensors"));
        var ids = reference.Load("input_ids");
        var expected = OutputLogits.Of(_workspace.Output, fixture, new ModelOptions { ComputeFactored = true });
        using var session = new OnnxSession(OnnxFile);
        var logits = torch.tensor(session.Logits(ids.data<long>().ToArray(), (int)ids.shape[0], (int)ids.shape[1]), expected.shape);
        var difference = OutputLogits.MaxDifference(expected, logits);
        Assert.True(difference <= Tolerance, $"max |engine − ONNX| = {difference:E2}");
    }
}
