using System.Diagnostics;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Tokens per second through the forward pass (embeddings, every block, head) of several model folders, on the same
/// random token ids, with every weight read into memory first so only compute is timed. Factored layers run from
/// their factors (x·Sᵀ + (x·Vᵀ)·Uᵀ, the sparse product in libtorch's COO kernel); shrunk blocks run at their smaller
/// sizes. Passes are timed round-robin, one per model per round, so load from other processes falls on every model
/// alike; tokens per second come from each model's fastest pass, the median is reported beside it.
/// </summary>
public static class ForwardThroughput
{
    private const int WarmUpRounds = 3;

    public static IReadOnlyList<ThroughputResult> Measure(IReadOnlyList<string> modelDirectories, ThroughputSettings settings)
    {
        var models = new List<PrunableModel>();
        try
        {
            foreach (var directory in modelDirectories)
            {
                models.Add(ModelLoader.Load(directory, new ModelOptions { ComputeFactored = true }));
            }

            using var scope = torch.NewDisposeScope();
            using var generator = new torch.Generator((ulong)settings.Seed);
            var ids = torch.randint(models.Min(m => m.Config.VocabSize), [settings.Batch, settings.Tokens], generator: generator, dtype: torch.int64);
            foreach (var model in models)
            {
                Materialize(model, ids);
            }

            var seconds = models.Select(_ => new double[settings.Repeats]).ToArray();
            for (var round = -WarmUpRounds; round < settings.Repeats; round++)
            {
                for (var m = 0; m < models.Count; m++)
                {
                    var clock = Stopwatch.StartNew();
                    models[m].Forward(ids).Dispose();
                    if (round >= 0)
                    {
                        seconds[m][round] = clock.Elapsed.TotalSeconds;
                    }
                }
            }

            return modelDirectories.Select((directory, m) => Result(directory, models[m].Config, seconds[m], settings)).ToArray();
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
    }

    /// <summary>Reads every weight now, so that <see cref="PrunableModel.Forward"/> keeps them between passes.</summary>
    private static void Materialize(PrunableModel model, torch.Tensor ids)
    {
        foreach (var block in model.Blocks)
        {
            block.Materialize();
        }

        model.Head(model.Embed(ids)).Dispose();
    }

    /// <summary>The output format of a model folder: factored, shrunk or dense.</summary>
    internal static string FormatOf(string directory, ModelConfig config) =>
        FactoredFormat.Read(directory) is not null ? "factored" : config.Json.Has(BlockShapes.ConfigKey) ? "shrunk" : "dense";

    private static ThroughputResult Result(string directory, ModelConfig config, double[] seconds, ThroughputSettings settings)
    {
        Array.Sort(seconds);
        var format = FormatOf(directory, config);
        var bytes = Directory.EnumerateFiles(directory, "*.safetensors")
            .Where(f => !Path.GetFileName(f).StartsWith("reference", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);
        return new ThroughputResult(Path.GetFullPath(directory), format, bytes, settings.Batch * settings.Tokens / seconds[0], seconds[0], seconds[seconds.Length / 2]);
    }
}
