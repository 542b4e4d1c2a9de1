using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using Serilog;
using static TorchSharp.torch;

namespace PruneTask.Engine.Stages;

/// <summary>
/// Runs a plan through the stages: calibrate and prune block by block (each result cached by content), allocate,
/// evaluate, export. A result found in the cache is never recomputed, so a rerun redoes only what changed.
/// </summary>
public sealed class PruneRunner(RunOptions options, ILogger log)
{
    public RunResult Run(PrunePlan plan)
    {
        var recipe = plan.Recipe;
        var modelDirectory = recipe.Model.Path.Value;
        var stageSeconds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        using var model = LoadModel(recipe);
        var fingerprint = ModelFingerprint.Compute(modelDirectory, model);
        CheckFingerprint(recipe, fingerprint);
        var calibration = LoadCalibration(recipe, model.Config.VocabSize);
        var cache = new ContentCache(options.CacheDirectory ?? recipe.Cache.Path.Value, log);
        var context = new StageContext(cache, new RunKeys(fingerprint, calibration?.Fingerprint ?? "no-calibration"), log, options.BatchSize);
        using var tokens = calibration?.ToTensor();
        Lap(stageSeconds, "calibrate", clock);

        var allocation = new TargetAllocator(context).Allocate(plan, model, tokens);
        Lap(stageSeconds, "allocate", clock);

        var pruning = new ModelPruner(context, recipe.Calibration?.Propagation ?? Propagation.Pruned).Run(plan, model, tokens, allocation);
        Lap(stageSeconds, "prune", clock);

        var stageKeys = new SortedDictionary<string, string>(pruning.StageKeys.ToDictionary(), StringComparer.Ordinal);
        var prunedModelKey = context.Keys.PrunedModel(pruning.Layers.Select(l => l.Key));
        EvaluationReport? evaluation = null;
        var dataFingerprints = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (calibration is not null)
        {
            dataFingerprints["calibration"] = calibration.Fingerprint;
        }

        if (recipe.Evaluation is { } evaluate)
        {
            var (report, data, keys) = WithDataErrors(evaluate.Dataset, () => new EvaluationStage(context).Run(evaluate, modelDirectory, model, prunedModelKey));
            evaluation = report;
            dataFingerprints["evaluation"] = data.Fingerprint;
            foreach (var (k, v) in keys)
            {
                stageKeys[k] = v.ToString();
            }

            log.Information("evaluate: perplexity dense {Dense:F3}, pruned {Pruned:F3} ({Cache:l})", report.Dense, report.Pruned, report.Cache);
        }

        Lap(stageSeconds, "evaluate", clock);
        var runReport = RunReports.Build(plan, model, pruning, allocation, evaluation, stageSeconds);
        var output = options.OutputDirectory ?? recipe.Output.Path.Value;
        var lockFile = new ExportStage(log).Write(output, modelDirectory, model, recipe, runReport, new LockInputs(fingerprint.Whole, dataFingerprints, stageKeys));
        Lap(stageSeconds, "export", clock);
        return new RunResult(Path.GetFullPath(output), runReport with { StageSeconds = stageSeconds }, lockFile);
    }

    private static PrunableModel LoadModel(Recipe recipe)
    {
        try
        {
            return ModelLoader.Load(recipe.Model.Path.Value);
        }
        catch (Exception e) when (e is ModelException or IO.SafetensorsFormatException or IOException)
        {
            throw new PruneRunException(RunErrorCodes.ModelUnreadable, e.Message, recipe.Model.Path.Position, e);
        }
    }

    private static void CheckFingerprint(Recipe recipe, ModelFingerprint fingerprint)
    {
        var actual = "sha256:" + fingerprint.Whole;
        if (recipe.Model.Fingerprint is { } pinned && !string.Equals(pinned.Value, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new PruneRunException(
                RunErrorCodes.FingerprintMismatch,
                $"The model's fingerprint is {actual}, not the {pinned.Value} the recipe pins: the weights or config changed.",
                pinned.Position);
        }
    }

    private static CalibrationSet? LoadCalibration(Recipe recipe, long vocabSize)
    {
        if (recipe.Calibration is not { } settings)
        {
            return null;
        }

        return WithDataErrors(settings.Dataset, () => CalibrationDataLoader.Load(new CalibrationDataOptions
        {
            Path = settings.Dataset.Value,
            Samples = settings.Samples.Value,
            SequenceLength = settings.SequenceLength.Value,
            Seed = settings.Seed,
            VocabSize = vocabSize,
            Tokenizer = settings.Tokenizer == TokenizerKind.Auto ? CalibrationDataOptions.AutoTokenizer : CalibrationDataOptions.BytesTokenizer,
            TextField = settings.TextField,
            ModelDirectory = recipe.Model.Path.Value,
        }));
    }

    private static T WithDataErrors<T>(Located<string> dataset, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (CalibrationDataException e)
        {
            throw new PruneRunException(RunErrorCodes.DataUnusable, e.Message, dataset.Position, e);
        }
    }

    private static void Lap(IDictionary<string, double> seconds, string stage, Stopwatch clock)
    {
        seconds[stage] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        clock.Restart();
    }
}
