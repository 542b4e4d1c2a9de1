using PruneTask.Engine.Caching;
using PruneTask.Engine.Export;
using PruneTask.Engine.Export.Onnx;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using Serilog;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The export stage: the pruned model folder in the recipe's format, model.onnx when the recipe asks for it (checked by
/// <see cref="OnnxExportStage"/>), report.json with its readable forms report.md and report.html, and prune.lock.json
/// (written last), all appearing at once when the folder is complete. A run that fails its quality gate gets no lock
/// file, so build tools never take its output as up to date. An output folder that already holds exactly what the run
/// would write is kept and only its reports are rewritten (<see cref="CurrentOutput"/>).
/// Cancelling before the swap leaves the previous output.
/// </summary>
public sealed class ExportStage(ILogger log, CancellationToken cancellation = default)
{

    /// <summary>The layout of <paramref name="format"/>: null for dense, the removed groups for shrunk, the kept factors for factored.</summary>
    public static ExportLayout? Layout(OutputFormat format, PrunableModel model, PruningResult pruning, FactorStore factors) => format switch
    {
        OutputFormat.Shrunk => new ShrunkExport(model, pruning.Removals),
        OutputFormat.Factored => new FactoredExport(model, factors),
        _ => null,
    };

    /// <summary>The ONNX Runtime check of model.onnx after <see cref="Write"/>, when the recipe asks for <c>output.onnx</c>.</summary>
    public OnnxCheck? Onnx { get; private set; }

    /// <param name="calibration">Calibration token ids, which model.onnx is checked on when there is no evaluation data.</param>
    public LockFile Write(
        string output, string modelDirectory, PrunableModel model, Recipe recipe, RunReport report, LockInputs inputs, ExportLayout? layout = null, TorchSharp.torch.Tensor? calibration = null)
    {
        var expected = new LockFile
        {
            ToolVersion = ToolVersion.Current,
            RecipeHash = LockFile.HashOf(recipe),
            ModelFingerprint = inputs.ModelFingerprint,
            DataFingerprints = inputs.DataFingerprints,
            StageKeys = inputs.StageKeys,
            Environment = inputs.Environment,
            Outputs = new Dictionary<string, string>(),
        };
        if (recipe.Output.Onnx is null && report.QualityGate is not { Passed: false } && KeepCurrent(output, expected, report) is { } kept)
        {
            return kept;
        }

        using var folder = new OutputFolder(output);
        var files = ModelExporter.Write(folder.Staging, modelDirectory, model, recipe.Output.Dtype, layout).ToList();
        if (layout is not null)
        {
            CheckLoadsBack(folder.Staging, recipe);
        }

        if (recipe.Output.Onnx is { } onnx)
        {
            Onnx = new OnnxExportStage(log).Run(folder.Staging, recipe, onnx, calibration);
            files.Add(OnnxExporter.FileName);
            report = report with { Onnx = Onnx };
        }

        // The reports hold timings, so they are not among the lock file's outputs.
        CurrentOutput.WriteReports(folder.Staging, report);
        var lockFile = expected with
        {
            Outputs = new SortedDictionary<string, string>(
                files.ToDictionary(f => f, f => ContentHash.OfFile(folder.PathOf(f))), StringComparer.Ordinal),
        };
        if (report.QualityGate is not { Passed: false })
        {
            File.WriteAllText(folder.PathOf(LockFile.FileName), ReportJson.Serialize(lockFile));
        }

        cancellation.ThrowIfCancellationRequested();
        folder.Commit();
        log.Information("export: wrote {Output:l}", Path.GetFullPath(output));
        return lockFile;
    }

    /// <summary>
    /// When <paramref name="output"/> already holds exactly this run's output (<see cref="CurrentOutput"/>), rewrites
    /// only its reports and touches its lock file, so build tools see it up to date; returns its lock file. Null when the
    /// folder must be written, which is also the answer when it changes under the update (another run replaced it).
    /// </summary>
    private LockFile? KeepCurrent(string output, LockFile expected, RunReport report)
    {
        if (CurrentOutput.ReadIfUnchanged(output) is not { } existing || !CurrentOutput.SameInputs(existing, expected))
        {
            return null;
        }

        cancellation.ThrowIfCancellationRequested();
        try
        {
            CurrentOutput.WriteReports(output, report);
            File.SetLastWriteTimeUtc(Path.Combine(output, LockFile.FileName), DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Debug("export: updating the reports of {Output:l} failed ({Message:l}); writing the folder again", output, e.Message);
            return null;
        }

        log.Information("export: {Output:l} already holds this output; its reports were rewritten", Path.GetFullPath(output));
        return existing;
    }

    /// <summary>
    /// Reads a shrunk or factored output's config and tensor headers back: an architecture that cannot read per-block
    /// sizes or factored layers fails here, before the folder replaces the previous output.
    /// </summary>
    private static void CheckLoadsBack(string folder, Recipe recipe)
    {
        try
        {
            _ = ModelLoader.Inspect(folder);
        }
        catch (ModelException e)
        {
            var format = recipe.Output.Format.Value.ToString().ToLowerInvariant();
            throw new PruneRunException(
                RunErrorCodes.Unsupported, $"output format '{format}' is not supported for this model: the written model does not load back ({e.Message}).", recipe.Output.Format.Position, e);
        }
    }
}
