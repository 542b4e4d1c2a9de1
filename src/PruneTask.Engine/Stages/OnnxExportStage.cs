using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using Serilog;
using static TorchSharp.torch;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// <c>output.onnx</c>: writes model.onnx from the model folder just written (so shrunk and factored layouts export at
/// their stored sizes), then runs it in ONNX Runtime on a few token windows and compares its logits with the engine's
/// forward pass of the same folder. A difference above <see cref="OnnxVerifier.Tolerance"/> fails the run, so a wrong
/// graph never leaves the build.
/// </summary>
public sealed class OnnxExportStage(ILogger log)
{
    /// <summary>Windows compared: the first ones of the evaluation data, else of the calibration data.</summary>
    public const int Windows = 2;

    /// <summary>Length of the random windows used when the recipe has neither evaluation nor calibration data.</summary>
    public const int RandomTokens = 32;

    /// <param name="folder">The written model folder; model.onnx is added to it.</param>
    /// <param name="calibration">The calibration token ids [samples, tokens], when the recipe has calibration data.</param>
    public OnnxCheck Run(string folder, Recipe recipe, OnnxSettings settings, Tensor? calibration)
    {
        using var model = LoadWritten(folder, settings);
        if (!OnnxExporter.Supports(model))
        {
            throw new PruneRunException(
                RunErrorCodes.Unsupported, $"output.onnx is not supported for {model.Config.Architecture}: ONNX export covers the Llama family, Phi-3, OPT and GPT-2.", settings.Position);
        }

        var path = Path.Combine(folder, OnnxExporter.FileName);
        try
        {
            OnnxExporter.Write(path, model, settings.Factored);
        }
        catch (UnsupportedModelException e)
        {
            throw new PruneRunException(RunErrorCodes.Unsupported, $"output.onnx: {e.Message}", settings.Position, e);
        }

        using var scope = NewDisposeScope();
        var (windows, data) = VerificationWindows(recipe, model, calibration);
        var (difference, logitScale) = OnnxVerifier.Compare(path, model, windows);
        var check = new OnnxCheck
        {
            File = OnnxExporter.FileName,
            Bytes = new FileInfo(path).Length,
            Opset = OnnxExporter.Opset,
            FactoredForm = settings.Factored.ToString().ToLowerInvariant(),
            Runtime = "onnxruntime " + OnnxSession.RuntimeVersion,
            Data = data,
            Windows = (int)windows.shape[0],
            SequenceLength = (int)windows.shape[1],
            MaxAbsDifference = difference,
            LogitScale = logitScale,
            Tolerance = OnnxVerifier.Tolerance(logitScale),
        };
        if (!check.Passed)
        {
            throw new PruneRunException(
                RunErrorCodes.OnnxMismatch,
                $"model.onnx does not compute the model: its logits differ from the engine's by up to {difference:G3} on {check.Windows} {data} windows (tolerance {check.Tolerance:G3}).",
                settings.Position);
        }

        log.Information("export: {File:l} matches the engine on {Windows} {Data:l} windows (max |Δ| {Difference:G3}, tolerance {Tolerance:G3})",
            check.File, check.Windows, data, difference, check.Tolerance);
        return check;
    }

    private static PrunableModel LoadWritten(string folder, OnnxSettings settings)
    {
        try
        {
            return ModelLoader.Load(folder, new ModelOptions { ComputeFactored = true });
        }
        catch (ModelException e)
        {
            throw new PruneRunException(RunErrorCodes.Unsupported, $"output.onnx: the written model does not load back ({e.Message}).", settings.Position, e);
        }
    }

    /// <summary>The first windows of the evaluation data, else of the calibration data, else random ids (seed 0).</summary>
    private static (Tensor Windows, string Data) VerificationWindows(Recipe recipe, PrunableModel model, Tensor? calibration)
    {
        if (recipe.Evaluation is { } evaluation)
        {
            var all = CalibrationDataLoader.Load(EvaluationStage.DataOptions(evaluation, recipe.Model.Path.Value, model.Config.VocabSize)).ToTensor();
            return (all.narrow(0, 0, Math.Min(Windows, all.shape[0])), "evaluation");
        }

        if (calibration is not null)
        {
            return (calibration.narrow(0, 0, Math.Min(Windows, calibration.shape[0])), "calibration");
        }

        using var generator = new Generator(0);
        return (randint(model.Config.VocabSize, [Windows, RandomTokens], generator: generator, dtype: int64), "random");
    }
}
