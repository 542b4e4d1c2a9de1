using System.CommandLine;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Models;
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
        var options = new ThroughputOptions(
            "Model folders (a recipe's outputs, or any supported model).", "forward pass", "Threads for tensor work (default: all cores).");
        var command = options.CreateCommand(
            "bench",
            "Measure tokens per second through the forward pass of model folders (dense, shrunk or factored) on the CPU.",
            (parseResult, settings) =>
            {
                NativeThreading.UseThreads(options.Threads(parseResult));
                var results = ForwardThroughput.Measure(options.Models(parseResult), settings);
                ThroughputOptions.Print(parseResult.InvocationConfiguration.Output, results);
                options.Save(parseResult, new { settings.Batch, settings.Tokens, settings.Repeats, Threads = torch.get_num_threads(), Results = results });
                return ExitCodes.Ok;
            });
        command.Subcommands.Add(MethodBenchCommand.Create());
        command.Subcommands.Add(ModelBenchCommand.Create());
        command.Subcommands.Add(OnnxBenchCommand.Create());
        return command;
    }
}
