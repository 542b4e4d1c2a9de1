using System.Diagnostics;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Export;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using Serilog;
using static TorchSharp.torch;
using PruneTask.Engine.Allocation;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// Runs a plan through the stages: calibrate and prune block by block (each result cached by content), allocate,
/// evaluate, export. A result found in the cache is never recomputed, so a rerun redoes only what changed.
/// Before any work the output and cache paths are checked (<see cref="OutputPathGuard"/>) and what killed runs left
/// there is removed; <paramref name="cancellation"/> stops the run at the next safe point, leaving finished cache
/// entries and no temp folders.
/// </summary>
public sealed class PruneRunner(RunOptions options, ILogger log, CancellationToken cancellation = default)
{
    public RunResult Run(PrunePlan plan)
    {
        var paths = OutputPathGuard.Check(plan.Recipe, options.OutputDirectory, options.CacheDirectory);
        try
        {
            return Run(plan, paths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException
            && WriteFailure.Describe(e, Path.GetDirectoryName(paths.Output)!, paths.Cache) is { } failure)
        {
            throw failure;
        }
    }

    private RunResult Run(PrunePlan plan, RunPaths paths)
    {
        var recipe = plan.Recipe;
        OutputFolder.RemoveAbandoned(paths.Output);
        var cache = OpenCache(paths.Cache);
        var environment = ComputeEnvironment.Current();
        var modelDirectory = recipe.Model.Path.Value;
        var ledger = new StageLedger();
        var load = ledger.Time(Stage.Load);
        using var model = LoadModel(recipe);
        var calibration = LoadCalibration(recipe, model);
        using var tokens = calibration?.ToTensor();
        load.Dispose();
        ModelFingerprint fingerprint;
        using (ledger.Time(Stage.Fingerprint))
        {
            fingerprint = ModelFingerprint.Compute(modelDirectory, model);
        }

        LogHashingRate(model, ledger.Elapsed(Stage.Fingerprint));
        CheckFingerprint(recipe, fingerprint);
        var context = new StageContext(cache, new RunKeys(fingerprint, calibration?.Fingerprint, environment), log, options.BatchSize)
        {
            Ledger = ledger,
            Progress = options.Progress,
            Cancellation = cancellation,
        };
        using (ledger.Time(Stage.Fingerprint))
        {
            CheckFinite(recipe, model, context);
        }

        AllocationResult allocation;
        using (ledger.Time(Stage.Allocate))
        {
            allocation = new TargetAllocator(context).Allocate(plan, model, tokens);
        }

        using var factors = new Export.FactorStore();
        using var spill = new SpillFolder();
        var keepFactors = recipe.Output.Format.Value == OutputFormat.Factored;
        var pruning = new ModelPruner(context, recipe.Calibration?.Propagation ?? Propagation.Pruned, keepFactors ? factors : null, spill, () => LoadModel(recipe)).Run(plan, model, tokens, allocation);

        var stageKeys = new SortedDictionary<string, string>(pruning.StageKeys.ToDictionary(), StringComparer.Ordinal);
        var prunedModelKey = context.Keys.PrunedModel(pruning.Layers.Select(l => l.Key));
        EvaluationReport? evaluation = null;
        QualityGateReport? gate = null;
        var dataFingerprints = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (calibration is not null)
        {
            dataFingerprints["calibration"] = calibration.Fingerprint;
        }

        if (recipe.Evaluation is { } evaluate)
        {
            using var interval = ledger.Time(Stage.Evaluate);
            var (report, dataFingerprint, keys) = WithDataErrors(evaluate.Dataset, () => Evaluate(context, evaluate, modelDirectory, model, prunedModelKey));
            evaluation = report;
            gate = QualityGate.Measure(evaluate, report);
            dataFingerprints["evaluation"] = dataFingerprint;
            foreach (var (k, v) in keys)
            {
                stageKeys[k] = v.ToString();
            }

            log.Information("evaluate: {Metric:l} dense {Dense:F3}, pruned {Pruned:F3} ({Cache:l})", report.Metric, report.Dense, report.Pruned, report.Cache);
        }

        var layout = ExportStage.Layout(recipe.Output.Format.Value, model, pruning, factors);
        var runReport = RunReports.Build(plan, model, pruning, evaluation, ledger.Figures(), layout?.PhysicallyRemoved ?? 0) with { QualityGate = gate };
        var output = paths.Output;
        var export = new ExportStage(log, cancellation);
        LockFile lockFile;
        using (ledger.Time(Stage.Export))
        {
            lockFile = export.Write(output, modelDirectory, model, recipe, runReport, new LockInputs(fingerprint.Pin, dataFingerprints, stageKeys, context.Keys.Environment), layout, tokens);
        }

        return new RunResult(Path.GetFullPath(output), runReport with { Stages = ledger.Figures(), Onnx = export.Onnx }, lockFile);
    }

    private void LogHashingRate(PrunableModel model, TimeSpan elapsed)
    {
        var bytes = model.Weights.Names.Sum(n => model.Weights.Info(n).ByteLength);
        log.Debug(
            "fingerprint: hashed {Megabytes:F0} MB in {Seconds:F2} s ({Rate:F0} MB/s)",
            bytes / 1e6, elapsed.TotalSeconds, bytes / 1e6 / Math.Max(elapsed.TotalSeconds, 1e-6));
    }

    /// <summary>The cache, after removing what killed runs left in it; null (with a warning) when its folder is read-only.</summary>
    private ContentCache? OpenCache(string root)
    {
        var cache = new ContentCache(root, log);
        if (!cache.CanWrite())
        {
            log.Warning("cache folder {Cache:l} is read-only: running without the cache (nothing is read from or stored in it)", root);
            return null;
        }

        cache.RemoveAbandonedWork();
        return cache;
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

    /// <summary>
    /// NaN or Inf in any tensor stops the run before anything is computed, cached or written. A model whose weights
    /// were checked before (a cache entry named by its fingerprint, written only after a check passed) is not read again.
    /// </summary>
    private static void CheckFinite(Recipe recipe, PrunableModel model, StageContext context)
    {
        var key = context.Keys.FiniteWeights();
        if (context.Cache?.Contains(key) == true)
        {
            return;
        }

        try
        {
            FiniteWeights.CheckAll(model.Weights);
        }
        catch (NonFiniteWeightsException e)
        {
            throw new PruneRunException(RunErrorCodes.NonFiniteWeights, e.Message, recipe.Model.Path.Position, e);
        }

        context.Cache?.Put(key, "weights checked finite", writer => writer.WriteText("finite.txt", "every floating-point tensor is finite\n"));
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
}
