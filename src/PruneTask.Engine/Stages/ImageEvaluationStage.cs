using System.Globalization;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Evaluation;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The evaluate stage for image classifiers: top-1 accuracy of the dense and the pruned model when the images have
/// labels, else top-1 agreement of the pruned model with the dense one (the dense model agrees with itself: 1).
/// Each value is cached by the weights it was computed on and the images.
/// </summary>
public sealed class ImageEvaluationStage(StageContext context)
{
    public const string AccuracyMetric = "top1_accuracy";
    public const string AgreementMetric = "top1_agreement";

    public (EvaluationReport Report, PixelSet Data, Dictionary<string, CacheKey> Keys) Run(
        EvaluationSettings settings, string modelDirectory, PrunableModel pruned, CacheKey prunedModelKey)
    {
        var image = (IImageModel)pruned;
        if (image.ClassCount is null)
        {
            throw new PruneRunException(
                RunErrorCodes.Unsupported, $"{pruned.Config.Architecture} has no classifier, so top-1 accuracy or agreement cannot be measured; remove 'evaluate'.", settings.Position);
        }

        var data = ImageDataLoader.Load(new ImageDataOptions
        {
            Path = settings.Dataset.Value,
            Samples = settings.Samples?.Value ?? 0,
            Input = image.ImageInput,
            ModelDirectory = modelDirectory,
        });
        using var pixels = data.ToTensor();
        var metric = data.Labels is null ? AgreementMetric : AccuracyMetric;
        var denseKey = context.Keys.Evaluation("dense-" + metric, context.Keys.DenseModel(), data.Fingerprint);
        var prunedKey = context.Keys.Evaluation("pruned-" + metric, prunedModelKey, data.Fingerprint);
        long[] DensePredictions()
        {
            using var dense = ModelLoader.Load(modelDirectory);
            return TopOnePredictions.Compute(dense, pixels, context.BatchSize, context.Cancellation);
        }

        double Score(long[] predictions) => data.Labels is { } labels
            ? TopOnePredictions.Accuracy(predictions, labels)
            : TopOnePredictions.Agreement(predictions, DensePredictions());

        var (dense, denseHit) = data.Labels is { } truth
            ? CachedNumber.GetOrCompute(context.Cache, denseKey, "dense top-1 accuracy", () => TopOnePredictions.Accuracy(DensePredictions(), truth))
            : (1.0, true);
        var (prunedValue, prunedHit) = CachedNumber.GetOrCompute(context.Cache, prunedKey, $"pruned {metric}", () => Score(TopOnePredictions.Compute(pruned, pixels, context.BatchSize, context.Cancellation)));
        var report = new EvaluationReport
        {
            Metric = metric,
            Dense = dense,
            Pruned = prunedValue,
            Samples = data.Samples,
            SequenceLength = 0,
            Cache = denseHit && prunedHit ? "hit" : "miss",
        };
        var keys = new Dictionary<string, CacheKey> { ["evaluate/pruned"] = prunedKey };
        if (data.Labels is not null)
        {
            keys["evaluate/dense"] = denseKey;
        }

        return (report, data, keys);
    }
}
