using System.Diagnostics;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Tokens per second through a model folder's forward pass (embeddings, every block, head) on random token ids, with
/// every weight read into memory first so only compute is timed. Tokens per second come from the fastest of the timed
/// passes, which other load on the machine disturbs least; the median is reported beside it. Factored layers run from their factors
/// (x·Sᵀ + (x·Vᵀ)·Uᵀ, the sparse product in libtorch's COO kernel); shrunk blocks run at their smaller sizes.
/// </summary>
public static class ForwardThroughput
{
    private const int WarmUpPasses = 3;

    public static ThroughputResult Measure(string modelDirectory, ThroughputSettings settings)
    {
        using var model = ModelLoader.Load(modelDirectory, new ModelOptions { ComputeFactored = true });
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)settings.Seed);
        var ids = torch.randint(model.Config.VocabSize, [settings.Batch, settings.Tokens], generator: generator, dtype: torch.int64);
        foreach (var block in model.Blocks)
        {
            block.Materialize();
        }

        model.Head(model.Embed(ids)).Dispose();
        for (var i = 0; i < WarmUpPasses; i++)
        {
            model.Forward(ids).Dispose();
        }

        var seconds = new double[settings.Repeats];
        for (var i = 0; i < settings.Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Forward(ids).Dispose();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return new ThroughputResult(
            Path.GetFullPath(modelDirectory), FormatOf(modelDirectory, model.Config), WeightBytes(modelDirectory), settings.Batch * settings.Tokens / seconds[0], seconds[0], seconds[seconds.Length / 2]);
    }

    private static string FormatOf(string modelDirectory, ModelConfig config) =>
        FactoredFormat.Read(modelDirectory) is not null ? "factored" : config.Json.Has(BlockShapes.ConfigKey) ? "shrunk" : "dense";

    private static long WeightBytes(string modelDirectory) =>
        Directory.EnumerateFiles(modelDirectory, "*.safetensors").Where(f => !Path.GetFileName(f).StartsWith("reference", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
}
