using System.Globalization;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Evaluation;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Stages;

/// <summary>The evaluate stage: perplexity of the dense and the pruned model on the evaluation data, each cached by the weights it was computed on.</summary>
public sealed class EvaluationStage(StageContext context)
{
    public (EvaluationReport Report, CalibrationSet Data, Dictionary<string, CacheKey> Keys) Run(
        EvaluationSettings settings, string modelDirectory, PrunableModel pruned, CacheKey prunedModelKey)
    {
        var data = CalibrationDataLoader.Load(DataOptions(settings, modelDirectory, pruned.Config.VocabSize));
        using var tokens = data.ToTensor();
        var denseKey = context.Keys.Evaluation("dense", context.Keys.DenseModel(), data.Fingerprint);
        var prunedKey = context.Keys.Evaluation("pruned", prunedModelKey, data.Fingerprint);
        var (dense, denseHit) = CachedNumber.GetOrCompute(context.Cache, denseKey, "dense perplexity", () =>
        {
            using var model = ModelLoader.Load(modelDirectory);
            context.Ledger.Count(Stage.Evaluate, OperationCounts.ModelForward(model, tokens.shape[0], tokens.shape[1]));
            return Perplexity.Compute(model, tokens, context.BatchSize, context.Cancellation, context.Progress, "dense");
        });
        var (prunedValue, prunedHit) = CachedNumber.GetOrCompute(context.Cache, prunedKey, "pruned perplexity", () =>
        {
            context.Ledger.Count(Stage.Evaluate, OperationCounts.ModelForward(pruned, tokens.shape[0], tokens.shape[1]));
            return Perplexity.Compute(pruned, tokens, context.BatchSize, context.Cancellation, context.Progress, "pruned");
        });
        var report = new EvaluationReport
        {
            Metric = EvaluationReport.PerplexityMetric,
            Dense = dense,
            Pruned = prunedValue,
            Samples = data.Samples,
            SequenceLength = data.SequenceLength,
            Cache = denseHit && prunedHit ? "hit" : "miss",
        };
        return (report, data, new Dictionary<string, CacheKey> { ["evaluate/dense"] = denseKey, ["evaluate/pruned"] = prunedKey });
    }

    /// <summary>How the evaluation windows are read: consecutive windows from the start of the data, the first <c>samples</c> of them.</summary>
    public static CalibrationDataOptions DataOptions(EvaluationSettings settings, string modelDirectory, int vocabSize) => new()
    {
        Path = settings.Dataset.Value,
        Samples = settings.Samples?.Value ?? 0,
        SequenceLength = settings.SequenceLength.Value,
        VocabSize = vocabSize,
        Tokenizer = settings.Tokenizer == TokenizerKind.Auto ? CalibrationDataOptions.AutoTokenizer : CalibrationDataOptions.BytesTokenizer,
        TextField = settings.TextField,
        ModelDirectory = modelDirectory,
        Consecutive = true,
    };
}
