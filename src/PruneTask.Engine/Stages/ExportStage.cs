using PruneTask.Engine.Caching;
using PruneTask.Engine.Export;
using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using Serilog;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The export stage: the pruned model folder, report.json and prune.lock.json (written last), all appearing at
/// once when the folder is complete.
/// </summary>
public sealed class ExportStage(ILogger log)
{
    public const string ReportFileName = "report.json";
    public const string LockFileName = "prune.lock.json";

    public LockFile Write(string output, string modelDirectory, PrunableModel model, Recipe recipe, RunReport report, LockInputs inputs)
    {
        if (recipe.Output.Format.Value != OutputFormat.Dense)
        {
            throw new PruneRunException(
                RunErrorCodes.Unsupported,
                $"output format '{recipe.Output.Format.Value.ToString().ToLowerInvariant()}' is not available in this version; use 'dense'.",
                recipe.Output.Format.Position);
        }

        using var folder = new OutputFolder(output);
        var files = ModelExporter.Write(folder.Staging, modelDirectory, model, recipe.Output.Dtype).ToList();
        File.WriteAllText(folder.PathOf(ReportFileName), ReportJson.Serialize(report));
        files.Add(ReportFileName);
        var lockFile = new LockFile
        {
            ToolVersion = ToolVersion.Current,
            RecipeHash = RecipeHash(recipe),
            ModelFingerprint = inputs.ModelFingerprint,
            DataFingerprints = inputs.DataFingerprints,
            StageKeys = inputs.StageKeys,
            Outputs = new SortedDictionary<string, string>(
                files.Where(f => f != ReportFileName).ToDictionary(f => f, f => ContentHash.OfFile(folder.PathOf(f))), StringComparer.Ordinal),
        };
        File.WriteAllText(folder.PathOf(LockFileName), ReportJson.Serialize(lockFile));
        folder.Commit();
        log.Information("export: wrote {Output:l}", Path.GetFullPath(output));
        return lockFile;
    }

    /// <summary>Hash of the recipe and every recipe it extends, in order.</summary>
    private static string RecipeHash(Recipe recipe)
    {
        var builder = new CacheKeyBuilder("recipe", "lock");
        for (var i = 0; i < recipe.SourceFiles.Count; i++)
        {
            builder.AddHash($"file{i:D2}", ContentHash.OfFile(recipe.SourceFiles[i]));
        }

        return builder.Build().Hash;
    }
}
