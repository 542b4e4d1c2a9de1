using System.Text.Json;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class OnnxBenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-cli-bench-onnx-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Bench_onnx_runs_a_folders_model_onnx_or_exports_one_and_prints_tokens_per_second()
    {
        var withOnnx = Path.Combine(_root, "gpt2");
        Directory.CreateDirectory(withOnnx);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Fixture("models", "tiny-gpt2")))
        {
            File.Copy(file, Path.Combine(withOnnx, Path.GetFileName(file)));
        }

        using (var model = ModelLoader.Load(withOnnx))
        {
            OnnxExporter.Write(Path.Combine(withOnnx, OnnxExporter.FileName), model);
        }

        var json = Path.Combine(_root, "bench.json");

        var (exitCode, output, error) = Cli.Run("bench", "onnx", RepositoryPaths.Fixture("models", "tiny-llama-gqa"), withOnnx,
            "--batch", "2", "--tokens", "8", "--repeats", "2", "--threads", "1", "--json", json);

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Contains("ONNX Runtime 1.", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("tokens/s", StringComparison.Ordinal) && l.Contains("dense", StringComparison.Ordinal)));
        using var results = JsonDocument.Parse(File.ReadAllText(json));
        var models = results.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.All(models, r => Assert.True(r.GetProperty("tokens_per_second").GetDouble() > 0));
        Assert.Equal(new FileInfo(Path.Combine(withOnnx, OnnxExporter.FileName)).Length, models[1].GetProperty("weight_bytes").GetInt64());
    }

    [Fact]
    public void A_model_without_an_ONNX_graph_fails_with_exit_code_2()
    {
        var (exitCode, _, error) = Cli.Run("bench", "onnx", RepositoryPaths.Fixture("models", "tiny-vit"), "--repeats", "1");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("error:", error);
    }
}
