using System.CommandLine;
using System.Globalization;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;

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
        var models = new Argument<string[]>("models") { Description = "Model folders: a recipe's outputs (with model.onnx), or any supported model.", Arity = ArgumentArity.OneOrMore };
        var batch = new Option<int>("--batch") { Description = "Sequences per run.", DefaultValueFactory = _ => 8 };
        var tokens = new Option<int>("--tokens") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 128 };
        var repeats = new Option<int>("--repeats") { Description = "Timed rounds, one run per model each (tokens/s from the fastest; the median is shown too).", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("onnx", "Measure tokens per second of model folders run by ONNX Runtime (CPU).");
        command.Arguments.Add(models);
        foreach (var option in new Option[] { batch, tokens, repeats, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var settings = new ThroughputSettings(Math.Max(1, parseResult.GetValue(batch)), Math.Max(1, parseResult.GetValue(tokens)), Math.Max(1, parseResult.GetValue(repeats)));
            var threadCount = Math.Max(1, parseResult.GetValue(threads));
            var output = parseResult.InvocationConfiguration.Output;
            IReadOnlyList<ThroughputResult> results;
            try
            {
                results = OnnxThroughput.Measure(parseResult.GetValue(models)!, settings, threadCount);
            }
            catch (Exception e) when (e is ModelException or IOException or Engine.IO.SafetensorsFormatException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"ONNX Runtime {OnnxSession.RuntimeVersion}, {threadCount} threads, batch {settings.Batch} × {settings.Tokens} tokens");
            foreach (var result in results)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.TokensPerSecond,10:F0} tokens/s  {result.BestSecondsPerPass * 1000,8:F2} ms best  {result.MedianSecondsPerPass * 1000,8:F2} ms median  {result.WeightBytes / 1024.0,7:F0} KiB onnx  {result.Format,-8}  {result.Model}"));
            }

            if (parseResult.GetValue(json) is { } path)
            {
                File.WriteAllText(path, ReportJson.Serialize(new { settings.Batch, settings.Tokens, settings.Repeats, Threads = threadCount, Runtime = OnnxSession.RuntimeVersion, Results = results }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
