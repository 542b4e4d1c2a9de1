using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Calibration.Images;
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
        var calibration = LoadCalibration(recipe, model);
        var cache = new ContentCache(CacheLocation.Resolve(options.CacheDirectory, recipe.Cache), log);
        var context = new StageContext(cache, new RunKeys(fingerprint, calibration?.Fingerprint, ComputeEnvironment.Current()), log, options.BatchSize);
        using var tokens = calibration?.ToTensor();
        Lap(stageSeconds, "calibrate", clock);

        var allocation = new TargetAllocator(context).Allocate(plan, model, tokens);
        Lap(stageSeconds, "allocate", clock);

        using var factors = new Export.FactorStore();
        var keepFactors = recipe.Output.Format.Value == OutputFormat.Factored;
        var pruning = new ModelPruner(context, recipe.Calibration?.Propagation ?? Propagation.Pruned, keepFactors ? factors : null).Run(plan, model, tokens, allocation);
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
            var (report, dataFingerprint, keys) = WithDataErrors(evaluate.Dataset, () => Evaluate(context, evaluate, modelDirectory, model, prunedModelKey));
            evaluation = report;
            dataFingerprints["evaluation"] = dataFingerprint;
            foreach (var (k, v) in keys)
            {
                stageKeys[k] = v.ToString();
            }

            log.Information("evaluate: {Metric:l} dense {Dense:F3}, pruned {Pruned:F3} ({Cache:l})", report.Metric, report.Dense, report.Pruned, report.Cache);
        }

        Lap(stageSeconds, "evaluate", clock);
        var layout = ExportStage.Layout(recipe.Output.Format.Value, model, pruning, factors);
        var runReport = RunReports.Build(plan, model, pruning, evaluation, stageSeconds, layout?.PhysicallyRemoved ?? 0);
        var output = options.OutputDirectory ?? recipe.Output.Path.Value;
        var lockFile = new ExportStage(log).Write(output, modelDirectory, model, recipe, runReport, new LockInputs(fingerprint.Pin, dataFingerprints, stageKeys, context.Keys.Environment), layout);
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
        var actual = fingerprint.Pin;
        if (recipe.Model.Fingerprint is { } pinned && !string.Equals(pinned.Value, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new PruneRunException(
                RunErrorCodes.FingerprintMismatch,
                $"The model's fingerprint is {actual}, not the {pinned.Value} the recipe pins: the weights or config changed.",
                pinned.Position);
        }
    }

    /// <summary>Token ids for a language model; pixel values (the first <c>samples</c> images) for an image model.</summary>
    private static IModelInputs? LoadCalibration(Recipe recipe, PrunableModel model)
    {
        if (recipe.Calibration is not { } settings)
        {
            return null;
        }

        if (model is IImageModel image)
        {
            return WithDataErrors(settings.Dataset, () => ImageDataLoader.Load(new ImageDataOptions
            {
                Path = settings.Dataset.Value,
                Samples = settings.Samples.Value,
                Input = image.ImageInput,
                ModelDirectory = recipe.Model.Path.Value,
            }));
        }

        return WithDataErrors(settings.Dataset, () => CalibrationDataLoader.Load(new CalibrationDataOptions
        {
            Path = settings.Dataset.Value,
            Samples = settings.Samples.Value,
            SequenceLength = settings.SequenceLength.Value,
            Seed = settings.Seed,
            VocabSize = model.Config.VocabSize,
            Tokenizer = settings.Tokenizer == TokenizerKind.Auto ? CalibrationDataOptions.AutoTokenizer : CalibrationDataOptions.BytesTokenizer,
            TextField = settings.TextField,
            ModelDirectory = recipe.Model.Path.Value,
        }));
    }

    /// <summary>Perplexity for a language model, top-1 accuracy or agreement for an image classifier.</summary>
    private static (EvaluationReport Report, string DataFingerprint, Dictionary<string, CacheKey> Keys) Evaluate(
        StageContext context, EvaluationSettings settings, string modelDirectory, PrunableModel model, CacheKey prunedModelKey)
    {
        if (model is IImageModel)
        {
            var (imageReport, images, imageKeys) = new ImageEvaluationStage(context).Run(settings, modelDirectory, model, prunedModelKey);
            return (imageReport, images.Fingerprint, imageKeys);
        }

        var (report, tokens, keys) = new EvaluationStage(context).Run(settings, modelDirectory, model, prunedModelKey);
        return (report, tokens.Fingerprint, keys);
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
