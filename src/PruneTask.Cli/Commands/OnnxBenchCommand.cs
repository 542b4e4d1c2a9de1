using System.CommandLine;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune bench onnx MODEL...</c>: tokens per second of model folders run by ONNX Runtime on the CPU (each
/// folder's model.onnx, or a graph exported on the spot), timed round-robin, so a dense model and its pruned outputs
/// compare as an application would run them. Exit code 0, or 2 when a folder cannot be loaded or exported.
/// </summary>
public static class OnnxBenchCommand
{
    public static Command Create()
    {
        var options = new ThroughputOptions(
            "Model folders: a recipe's outputs (with model.onnx), or any supported model.", "run", "ONNX Runtime intra-op threads (default: all cores).");
        return options.CreateCommand("onnx", "Measure tokens per second of model folders run by ONNX Runtime (CPU).", (parseResult, settings) =>
        {
            var threadCount = Math.Max(1, options.Threads(parseResult));
            var output = parseResult.InvocationConfiguration.Output;
            IReadOnlyList<ThroughputResult> results;
            try
            {
                results = OnnxThroughput.Measure(options.Models(parseResult), settings, threadCount);
            }
            catch (Exception e) when (e is ModelException or IOException or Engine.IO.SafetensorsFormatException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"ONNX Runtime {OnnxSession.RuntimeVersion}, {threadCount} threads, batch {settings.Batch} × {settings.Tokens} tokens");
            ThroughputOptions.Print(output, results, " onnx");
            options.Save(parseResult, new { settings.Batch, settings.Tokens, settings.Repeats, Threads = threadCount, Runtime = OnnxSession.RuntimeVersion, Results = results });
            return ExitCodes.Ok;
        });
    }
}
