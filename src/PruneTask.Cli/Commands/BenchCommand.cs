using System.CommandLine;
using System.Globalization;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using TorchSharp;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune bench MODEL...</c>: tokens per second through each model folder's forward pass on the CPU, timed
/// round-robin, so the outputs of one recipe in different formats (dense, shrunk, factored) can be compared. Every
/// folder is loaded at once. Exit code 0, or 2 when a folder cannot be loaded. <c>bench methods</c> times the methods.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("models") { Description = "Model folders (a recipe's outputs, or any supported model).", Arity = ArgumentArity.OneOrMore };
        var batch = new Option<int>("--batch") { Description = "Sequences per forward pass.", DefaultValueFactory = _ => 8 };
        var tokens = new Option<int>("--tokens") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 128 };
        var repeats = new Option<int>("--repeats") { Description = "Timed rounds, one pass per model each (tokens/s from the fastest; the median is shown too).", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "Threads for tensor work (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("bench", "Measure tokens per second through the forward pass of model folders (dense, shrunk or factored) on the CPU.");
        command.Arguments.Add(models);
        command.Subcommands.Add(MethodBenchCommand.Create());
        command.Subcommands.Add(ModelBenchCommand.Create());
        command.Subcommands.Add(OnnxBenchCommand.Create());
        foreach (var option in new Option[] { batch, tokens, repeats, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            NativeThreading.UseThreads(parseResult.GetValue(threads));
            var settings = new ThroughputSettings(Math.Max(1, parseResult.GetValue(batch)), Math.Max(1, parseResult.GetValue(tokens)), Math.Max(1, parseResult.GetValue(repeats)));
            var output = parseResult.InvocationConfiguration.Output;
            var results = ForwardThroughput.Measure(parseResult.GetValue(models)!, settings);
            foreach (var result in results)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.TokensPerSecond,10:F0} tokens/s  {result.BestSecondsPerPass * 1000,8:F2} ms best  {result.MedianSecondsPerPass * 1000,8:F2} ms median  {result.WeightBytes / 1024.0,7:F0} KiB  {result.Format,-8}  {result.Model}"));
            }

            if (parseResult.GetValue(json) is { } path)
            {
                File.WriteAllText(path, ReportJson.Serialize(new { settings.Batch, settings.Tokens, settings.Repeats, Threads = torch.get_num_threads(), Results = results }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
