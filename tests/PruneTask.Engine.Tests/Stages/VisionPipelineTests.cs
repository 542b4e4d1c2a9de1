using PruneTask.Engine.Calibration.Images;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Stages;
using PruneTask.Engine.Tests.Calibration.Images;
using PruneTask.Recipes;
using PruneTask.Tests.Common;
using Serilog.Core;
using TorchSharp;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>The whole pipeline on tiny-vit: pixel values or image folders as calibration data, Wanda and SparseGPT, top-1 evaluation.</summary>
public sealed class VisionPipelineTests : IDisposable
{
    private const string Rules = """
        defaults:
          method: wanda
          sparsity: 0.5
        layers:
          - regex: 'vit\.encoder\.layer\.\d+\.(intermediate|output)\.dense'
            method: sparsegpt
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("prune-vision-").FullName;

    private static string ModelPath => RepositoryPaths.Fixture("models", "tiny-vit");

    [Fact]
    public void Wanda_and_SparseGPT_prune_every_encoder_linear_and_accuracy_is_measured_against_labels()
    {
        using var scope = torch.NewDisposeScope();
        var images = PixelFiles.Random(8, seed: 4);
        var labels = DensePredictions(images).clone();
        labels[6] = (labels[6] + 1) % 10;
        labels[7] = (labels[7] + 1) % 10;
        PixelFiles.Safetensors(Path.Combine(_root, "eval.safetensors"), images, labels);

        var result = Run("eval.safetensors");

        Assert.Equal(12, result.Report.Layers.Count);
        Assert.Equal(4, result.Report.Layers.Count(l => l.Method == "sparsegpt"));
        Assert.All(result.Report.Layers, l => Assert.Equal(0.5, l.AchievedSparsity, 2));
        var evaluation = result.Report.Evaluation!;
        Assert.Equal(ImageEvaluationStage.AccuracyMetric, evaluation.Metric);
        Assert.Equal(0.75, evaluation.Dense);
        Assert.Equal(8, evaluation.Samples);
        using var pruned = ModelLoader.Load(result.OutputDirectory);
        var expected = (double)PredictionsOf(pruned, images).eq(labels).sum().item<long>() / 8;
        Assert.Equal(expected, evaluation.Pruned);
    }

    [Fact]
    public void Without_labels_the_pruned_model_is_scored_by_its_agreement_with_the_dense_one()
    {
        using var scope = torch.NewDisposeScope();
        var images = PixelFiles.Random(8, seed: 5);
        PixelFiles.Npy(Path.Combine(_root, "eval.npy"), images);

        var result = Run("eval.npy");

        var evaluation = result.Report.Evaluation!;
        Assert.Equal(ImageEvaluationStage.AgreementMetric, evaluation.Metric);
        Assert.Equal(1.0, evaluation.Dense);
        using var pruned = ModelLoader.Load(result.OutputDirectory);
        var expected = (double)PredictionsOf(pruned, images).eq(DensePredictions(images)).sum().item<long>() / 8;
        Assert.Equal(expected, evaluation.Pruned);
    }

    [Fact]
    public void An_image_folder_with_class_subfolders_calibrates_wanda_and_is_scored_by_top1_accuracy()
    {
        // Eight random 48 × 40 PNGs (resized to 32 × 32 when loaded). Six lie in the folder of the class the dense model
        // predicts for them, two in another class's folder; folders are named as tiny-vit's label2id names classes.
        using var scope = torch.NewDisposeScope();
        var files = Enumerable.Range(0, 8).Select(i => (Name: $"{i}.png", Rgb: ImageFiles.Random(48, 40, seed: 10 + i))).ToList();
        foreach (var (name, rgb) in files)
        {
            ImageFiles.Png(Path.Combine(_root, "flat", name), rgb, 48, 40);
        }

        var dense = DensePredictions(LoadImages("flat").ToTensor()).data<long>().ToArray();
        for (var i = 0; i < files.Count; i++)
        {
            var label = i < 6 ? dense[i] : (dense[i] + 1) % 10;
            ImageFiles.Png(Path.Combine(_root, "images", $"class_{label}", files[i].Name), files[i].Rgb, 48, 40);
        }

        var result = Run("images", calibration: "images", calibrationSamples: 6, rules: "defaults:\n  method: wanda\n  sparsity: 0.5");

        Assert.Equal(12, result.Report.Layers.Count);
        Assert.All(result.Report.Layers, l => Assert.Equal(("wanda", 0.5), (l.Method, Math.Round(l.AchievedSparsity, 2))));
        var evaluation = result.Report.Evaluation!;
        Assert.Equal(ImageEvaluationStage.AccuracyMetric, evaluation.Metric);
        Assert.Equal(0.75, evaluation.Dense);
        Assert.Equal(8, evaluation.Samples);
        var images = LoadImages("images");
        using var pruned = ModelLoader.Load(result.OutputDirectory);
        var expected = (double)PredictionsOf(pruned, images.ToTensor()).eq(torch.tensor(images.Labels!.ToArray())).sum().item<long>() / 8;
        Assert.Equal(expected, evaluation.Pruned);
        Assert.Equal(images.Fingerprint, result.Lock.DataFingerprints["evaluation"]);
        Assert.Equal(LoadImages("images", samples: 6).Fingerprint, result.Lock.DataFingerprints["calibration"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PixelSet LoadImages(string folder, int samples = 0) => ImageDataLoader.Load(new ImageDataOptions
    {
        Path = Path.Combine(_root, folder),
        Samples = samples,
        Input = new ImageShape(3, 32, 32),
        ModelDirectory = ModelPath,
    });

    private static torch.Tensor DensePredictions(torch.Tensor images)
    {
        using var dense = ModelLoader.Load(ModelPath);
        return PredictionsOf(dense, images);
    }

    private static torch.Tensor PredictionsOf(PrunableModel model, torch.Tensor images) => model.Forward(images).argmax(1);

    private RunResult Run(string evaluation, string calibration = "calibration.npy", int calibrationSamples = 12, string rules = Rules)
    {
        using (var pixels = PixelFiles.Random(16, seed: 3))
        {
            PixelFiles.Npy(Path.Combine(_root, "calibration.npy"), pixels);
        }

        var recipe = Path.Combine(_root, "recipe.prune.yaml");
        File.WriteAllText(recipe, $"""
            version: 1
            model:
              path: {ModelPath}
            calibration:
              dataset: {calibration}
              samples: {calibrationSamples}
            evaluate:
              dataset: {evaluation}
            output:
              path: out
            cache:
              path: cache
            {rules}
            """);
        var loaded = RecipeLoader.Load(recipe);
        Assert.True(loaded.Recipe is not null, string.Join("\n", loaded.Diagnostics));
        var plan = PrunePlan.Build(loaded.Recipe!, strict: false);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Diagnostics));
        return new PruneRunner(new RunOptions(), Logger.None).Run(plan);
    }
}
