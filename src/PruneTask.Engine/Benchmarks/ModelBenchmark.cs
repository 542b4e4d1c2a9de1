using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Stages;
using PruneTask.Recipes;
using Serilog;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>What the model benchmark prunes: a synthetic Llama of a named shape, its calibration data and the method.</summary>
public sealed record ModelBenchmarkSettings
{
    public required SyntheticLlamaShape Shape { get; init; }

    public int Samples { get; init; } = 16;

    public int SequenceLength { get; init; } = 512;

    public string Method { get; init; } = "sparsegpt";

    public double Sparsity { get; init; } = 0.5;

    public long Seed { get; init; } = 1;

    /// <summary>Calibration sequences run through a block at once (the run's --batch-size).</summary>
    public int BatchSize { get; init; } = new RunOptions().BatchSize;

    /// <summary>The GEMM rate is measured on square float32 matrices of this size.</summary>
    public int GemmSize { get; init; } = 2048;

    /// <summary>Where the temporary folder goes (default: the system's temporary folder).</summary>
    public string? WorkDirectory { get; init; }
}

/// <summary>The figures of one model benchmark run.</summary>
public sealed record ModelBenchmarkResult
{
    public required ModelBenchmarkSettings Settings { get; init; }

    public required IReadOnlyDictionary<string, StageFigures> Stages { get; init; }

    /// <summary>Float32 GEMM rate measured in the same process before the run, in GFLOP/s.</summary>
    public required double GemmGflops { get; init; }

    public required double WriteSeconds { get; init; }

    /// <summary>Anonymous resident memory just before the run (libtorch, the runtime), in bytes.</summary>
    public required long BaselineAnonymousBytes { get; init; }

    /// <summary>The largest anonymous resident memory sampled during the run, in bytes.</summary>
    public required long PeakAnonymousBytes { get; init; }

    public required long? PeakResidentBytes { get; init; }

    public required int Threads { get; init; }

    public required double? LoadBefore { get; init; }

    public required double? LoadAfter { get; init; }

    /// <summary>The same recipe run again in a new process, every result cached; null when not asked for.</summary>
    public CachedRerun? Rerun { get; init; }

    /// <summary>The calibrate-and-prune loop's stages (calibrate, prune, propagate), which run block by block.</summary>
    public static IReadOnlyList<string> BlockStages { get; } = [Stage.Calibrate, Stage.Prune, Stage.Propagate];

    public double BlockLoopSeconds => BlockStages.Sum(s => Stages.TryGetValue(s, out var f) ? f.Seconds : 0);

    public double BlockLoopGflop => BlockStages.Sum(s => Stages.TryGetValue(s, out var f) ? f.Gflop : 0);

    public double SecondsPerBlock => BlockLoopSeconds / Settings.Shape.Blocks;

    /// <summary>The loop's counted work at the measured GEMM rate: the time it could take at best.</summary>
    public double FloorSeconds => BlockLoopGflop / GemmGflops;
}

/// <summary>
/// A rerun of the benchmark's recipe in a new process, with every result in the cache and the output current: its wall
/// time (process start, libtorch, hashing the model, checking the output) and, from its report, the hashing.
/// </summary>
public sealed record CachedRerun(double WallSeconds, double HashSeconds, long HashedBytes);

/// <summary>
/// Writes a synthetic Llama and random calibration tokens to a temporary folder, prunes it through the real
/// <see cref="PruneRunner"/> (cache and output inside the folder), and deletes the folder. The GEMM rate is measured in
/// the same process first, so the ratio to the floor holds on a machine whatever its load. A benchmark, not a test.
/// </summary>
public static class ModelBenchmark
{
    /// <param name="rerun">When given, runs the recipe (its path is the argument) again in a new process and returns the wall seconds.</param>
    public static ModelBenchmarkResult Run(ModelBenchmarkSettings settings, ILogger log, IProgress<RunProgress>? progress = null, Func<string, double>? rerun = null)
    {
        var root = Directory.CreateTempSubdirectory(settings.WorkDirectory is null ? "prune-bench-" : Path.Combine(settings.WorkDirectory, "prune-bench-")).FullName;
        try
        {
            var loadBefore = ProcessMemory.LoadAverage();
            var gemm = MatmulRate.Measure(settings.GemmSize, repeats: 3) / 1e9;
            var write = Stopwatch.StartNew();
            SyntheticLlama.Write(Path.Combine(root, "model"), settings.Shape, settings.Seed);
            SyntheticLlama.WriteTokens(Path.Combine(root, "tokens.bin"), settings.Shape.Vocabulary, settings.Samples, settings.SequenceLength, settings.Seed);
            var recipe = Path.Combine(root, "bench.prune.yaml");
            File.WriteAllText(recipe, Recipe(settings));
            write.Stop();
            var loaded = RecipeLoader.Load(recipe);
            var plan = PrunePlan.Build(loaded.Recipe ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics)), strict: true);
            RunResult result;
            long baseline, peak;
            using (var sampler = new MemorySampler(TimeSpan.FromMilliseconds(10)))
            {
                result = new PruneRunner(new RunOptions { Progress = progress, BatchSize = settings.BatchSize }, log).Run(plan);
                (baseline, peak) = (sampler.Baseline, sampler.Peak);
            }

            return new ModelBenchmarkResult
            {
                Rerun = rerun is null ? null : Rerun(rerun, recipe, result.OutputDirectory, Path.Combine(root, "model")),
                Settings = settings,
                Stages = result.Report.Stages,
                GemmGflops = gemm,
                WriteSeconds = write.Elapsed.TotalSeconds,
                BaselineAnonymousBytes = baseline,
                PeakAnonymousBytes = peak,
                PeakResidentBytes = ProcessMemory.PeakResident(),
                Threads = torch.get_num_threads(),
                LoadBefore = loadBefore,
                LoadAfter = ProcessMemory.LoadAverage(),
            };
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static CachedRerun Rerun(Func<string, double> rerun, string recipe, string output, string model)
    {
        var wall = rerun(recipe);
        var report = JsonSerializer.Deserialize<RunReport>(File.ReadAllText(Path.Combine(output, RunReport.FileName)), ReportJson.Options)
            ?? throw new InvalidOperationException("The rerun wrote no report.");
        var hashed = Directory.EnumerateFiles(model).Sum(f => new FileInfo(f).Length);
        return new CachedRerun(wall, report.Stages.TryGetValue(Stage.Fingerprint, out var f) ? f.Seconds : 0, hashed);
    }

    private static string Recipe(ModelBenchmarkSettings settings) => string.Create(CultureInfo.InvariantCulture, $"""
        version: 1
        model:
          path: model
        calibration:
          dataset: tokens.bin
          samples: {settings.Samples}
          sequence_length: {settings.SequenceLength}
        output:
          path: out
        cache:
          path: cache
        defaults:
          method: {settings.Method}
          sparsity: {settings.Sparsity}

        """);
}
