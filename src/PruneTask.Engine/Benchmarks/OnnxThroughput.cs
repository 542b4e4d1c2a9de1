using System.Diagnostics;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Tokens per second of model folders run by ONNX Runtime (CPU): each folder's model.onnx, or, for a folder without
/// one (the dense input model), a graph exported on the spot to a temporary file. Same random ids for every model,
/// warm-up rounds, then passes timed round-robin as in <see cref="ForwardThroughput"/>; tokens per second from the
/// fastest pass, the median beside it, and the ONNX file's bytes.
/// </summary>
public static class OnnxThroughput
{
    private const int WarmUpRounds = 3;

    /// <param name="threads">ONNX Runtime's intra-op threads (0: its default).</param>
    public static IReadOnlyList<ThroughputResult> Measure(IReadOnlyList<string> modelDirectories, ThroughputSettings settings, int threads)
    {
        var temporary = Directory.CreateTempSubdirectory("prune-bench-onnx-").FullName;
        var sessions = new List<OnnxSession>();
        try
        {
            var files = new List<string>();
            var formats = new List<string>();
            var vocabulary = int.MaxValue;
            for (var i = 0; i < modelDirectories.Count; i++)
            {
                var directory = modelDirectories[i];
                var config = ModelLoader.ReadConfig(directory);
                vocabulary = Math.Min(vocabulary, config.VocabSize);
                formats.Add(ForwardThroughput.FormatOf(directory, config));
                files.Add(OnnxFile(directory, Path.Combine(temporary, $"{i}.onnx")));
                sessions.Add(new OnnxSession(files[i], threads));
            }

            using var generator = new torch.Generator((ulong)settings.Seed);
            using var ids = torch.randint(vocabulary, [settings.Batch, settings.Tokens], generator: generator, dtype: torch.int64);
            var tokens = ids.data<long>().ToArray();
            var seconds = sessions.Select(_ => new double[settings.Repeats]).ToArray();
            for (var round = -WarmUpRounds; round < settings.Repeats; round++)
            {
                for (var m = 0; m < sessions.Count; m++)
                {
                    var clock = Stopwatch.StartNew();
                    _ = sessions[m].Logits(tokens, settings.Batch, settings.Tokens);
                    if (round >= 0)
                    {
                        seconds[m][round] = clock.Elapsed.TotalSeconds;
                    }
                }
            }

            return modelDirectories.Select((directory, m) =>
            {
                Array.Sort(seconds[m]);
                var best = seconds[m][0];
                return new ThroughputResult(
                    Path.GetFullPath(directory), formats[m], new FileInfo(files[m]).Length, settings.Batch * settings.Tokens / best, best, seconds[m][settings.Repeats / 2]);
            }).ToArray();
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
            Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>The folder's model.onnx, or a graph of the folder's model written to <paramref name="fallback"/>.</summary>
    private static string OnnxFile(string directory, string fallback)
    {
        var own = Path.Combine(directory, OnnxExporter.FileName);
        if (File.Exists(own))
        {
            return own;
        }

        using var model = ModelLoader.Load(directory);
        OnnxExporter.Write(fallback, model);
        return fallback;
    }
}
