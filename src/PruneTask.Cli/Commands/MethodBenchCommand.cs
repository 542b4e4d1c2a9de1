using System.CommandLine;
using PruneTask.Engine.Benchmarks;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune bench methods</c>: times every method on one seeded square layer and prints each time next to what
/// the same operation count would take at the measured float32 matmul rate, then the paper methods (OATS exact and
/// randomized SVD, OSSCAR). A benchmark, never a test: it prints figures and checks nothing.
/// </summary>
public static class MethodBenchCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "The layer is size × size (the baselines calibrate on 64 × 512 tokens).", DefaultValueFactory = _ => 2048 };
        var iterations = new Option<int>("--oats-iterations") { Description = "OATS iterations timed (the per-iteration time is printed).", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Threads for tensor work (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("methods", "Time every pruning method on one synthetic size × size layer against the machine's matmul rate.");
        foreach (var option in new Option[] { size, iterations, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            NativeThreading.UseThreads(parseResult.GetValue(threads));
            var output = parseResult.InvocationConfiguration.Output;
            var features = Math.Max(16, parseResult.GetValue(size));
            new MethodBenchmark(size: features).Run(output);
            output.WriteLine();
            new PaperMethodBenchmark(features: features, oatsIterations: Math.Max(1, parseResult.GetValue(iterations))).Run(output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
