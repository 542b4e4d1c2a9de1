using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Stages;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune bench model</c>: writes a synthetic Llama of a named shape to a temporary folder, prunes it through
/// the real run, and prints each stage's time and counted work against the float32 GEMM rate measured in the same
/// process, the time per block, the ratio to the FLOP floor, peak memory, threads and the machine's load, then the
/// time of the same recipe run again in a new process with every result cached.
/// A benchmark, never a test: it prints figures and checks nothing.
/// </summary>
public static class ModelBenchCommand
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape") { Description = $"The model's shape: {string.Join(", ", SyntheticLlamaShape.Named.Select(s => s.Name))}.", DefaultValueFactory = _ => SyntheticLlamaShape.TinyLlama.Name };
        var blocks = new Option<int?>("--blocks") { Description = "Use this many blocks of the shape (default: all of them)." };
        var samples = new Option<int>("--samples") { Description = "Calibration sequences.", DefaultValueFactory = _ => 16 };
        var length = new Option<int>("--sequence-length") { Description = "Tokens per calibration sequence.", DefaultValueFactory = _ => 512 };
        var batch = new Option<int>("--batch-size") { Description = "Calibration sequences run through a block at once.", DefaultValueFactory = _ => new RunOptions().BatchSize };
        var method = new Option<string>("--method") { Description = "The pruning method.", DefaultValueFactory = _ => "sparsegpt" };
        var sparsity = new Option<double>("--sparsity") { Description = "The sparsity target.", DefaultValueFactory = _ => 0.5 };
        var threads = new Option<int>("--threads") { Description = "Threads for tensor work (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var work = new Option<string?>("--work-dir") { Description = "Where the temporary folder goes (default: the system's; the 1.1B shape needs about 20 GB with its cache)." };
        var noRerun = new Option<bool>("--no-rerun") { Description = "Skip the fully cached rerun (the same recipe again, in a new process)." };
        var command = new Command("model", "Prune a synthetic Llama of a named shape (random weights, in a temporary folder) and print time per block, GFLOP/s against the GEMM rate, and peak memory.");
        foreach (var option in new Option[] { shape, blocks, samples, length, batch, method, sparsity, threads, work, noRerun })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (SyntheticLlamaShape.Find(parseResult.GetValue(shape)!) is not { } named)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: unknown shape '{parseResult.GetValue(shape)}'; known: {string.Join(", ", SyntheticLlamaShape.Named.Select(s => s.Name))}.");
                return ExitCodes.Failed;
            }

            NativeThreading.UseThreads(parseResult.GetValue(threads));
            var settings = new ModelBenchmarkSettings
            {
                Shape = parseResult.GetValue(blocks) is { } n ? named with { Blocks = Math.Max(1, n) } : named,
                Samples = Math.Max(1, parseResult.GetValue(samples)),
                SequenceLength = Math.Max(2, parseResult.GetValue(length)),
                BatchSize = Math.Max(1, parseResult.GetValue(batch)),
                Method = parseResult.GetValue(method)!,
                Sparsity = parseResult.GetValue(sparsity),
                WorkDirectory = parseResult.GetValue(work),
            };
            var s = settings.Shape;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: {s.Blocks} blocks, hidden {s.Hidden}, {s.Heads}/{s.KeyValueHeads} heads, MLP {s.Intermediate}, vocabulary {s.Vocabulary}, {s.Dtype}, {s.Parameters / 1e9:F2} B parameters; {settings.Method} {settings.Sparsity:P0}, {settings.Samples} x {settings.SequenceLength} tokens, batches of {settings.BatchSize}"));
            Func<string, double>? rerun = parseResult.GetValue(noRerun) ? null : recipe => RunAgain(recipe, parseResult.GetValue(threads));
            var result = ProgressDisplays.Show(parseResult, (progress, log) => ModelBenchmark.Run(settings, log, progress, rerun));
            Print(output, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter output, ModelBenchmarkResult r)
    {
        output.WriteLine();
        output.WriteLine("  stage          seconds       GFLOP    GFLOP/s   of GEMM");
        foreach (var (stage, f) in r.Stages)
        {
            var rate = f.GflopPerSecond is { } g ? string.Create(CultureInfo.InvariantCulture, $"{g,9:F1}   {g / r.GemmGflops,6:P0}") : "        -         -";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-12} {f.Seconds,9:F2} {f.Gflop,11:F1}  {rate}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""
              float32 GEMM rate      {{r.GemmGflops:F1}} GFLOP/s (2048², same process, before the run)
              time per block         {{r.SecondsPerBlock:F2}} s  (calibrate + prune + propagate, {{r.BlockLoopGflop / r.Settings.Shape.Blocks:F0}} GFLOP a block)
              achieved               {{r.BlockLoopGflop / r.BlockLoopSeconds:F1}} GFLOP/s = {{r.BlockLoopGflop / r.BlockLoopSeconds / r.GemmGflops:P0}} of GEMM
              ratio to FLOP floor    {{r.BlockLoopSeconds / r.FloorSeconds:F2}}x  (floor {{r.FloorSeconds:F1}} s at the GEMM rate)
              peak memory            RssAnon {{r.PeakAnonymousBytes / 1e9:F2}} GB (sampled every 10 ms; {{r.BaselineAnonymousBytes / 1e9:F2}} GB before the run), VmHWM {{(r.PeakResidentBytes ?? 0) / 1e9:F2}} GB (mapped weights included)
              threads                {{r.Threads}} intra-op, on {{Environment.ProcessorCount}} cores
              load average (1 min)   {{r.LoadBefore:F2}} before, {{r.LoadAfter:F2}} after
              writing the model      {{r.WriteSeconds:F1}} s (not in the figures above)
            """));
        if (r.Rerun is { } again)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cached rerun           {again.WallSeconds:F2} s wall in a new process, of which hashing the model {again.HashSeconds:F2} s ({again.HashedBytes / 1e6:F0} MB at {again.HashedBytes / 1e6 / Math.Max(again.HashSeconds, 1e-6):F0} MB/s); every result cached, the output kept"));
        }
    }

    /// <summary>
    /// Runs <c>dotnet-prune run RECIPE</c> in a new process of this same tool (through the <c>dotnet</c> host when
    /// that is what started this one) and returns its wall time; a failure is the benchmark's failure.
    /// </summary>
    private static double RunAgain(string recipe, int threads)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The tool's own path is unknown.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ModelBenchCommand).Assembly.Location);
        }

        foreach (var argument in new[] { "run", recipe, "-v", "q", "--threads", threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The cached rerun exited with {process.ExitCode}: {errors.Result.Trim()}");
        }

        return seconds;
    }
}
