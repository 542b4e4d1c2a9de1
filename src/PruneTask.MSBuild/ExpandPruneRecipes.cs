using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>
/// Fills in every PruneRecipe item's paths (see <see cref="RecipeLayout"/>) and lists the files each recipe depends on:
/// the recipe, its settings stamp, and what the tool's dependency file from the last run names (extended recipes,
/// model files, calibration data). These become the Inputs of the incremental PruneModels target.
/// </summary>
public sealed class ExpandPruneRecipes : Task
{
    /// <summary>@(PruneRecipe).</summary>
    [Required]
    public ITaskItem[] Recipes { get; set; } = [];

    /// <summary>The project folder; relative paths resolve from it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The folder of the per-recipe state files (dependency lists, settings stamps, output lists).</summary>
    [Required]
    public string StateDirectory { get; set; } = "";

    /// <summary>The default parent of each recipe's output folder.</summary>
    [Required]
    public string OutputRoot { get; set; } = "";

    /// <summary>The default cache folder ($(PruneCacheDirectory)).</summary>
    [Required]
    public string CacheDirectory { get; set; } = "";

    /// <summary>The enabled recipes with every path metadata filled in.</summary>
    [Output]
    public ITaskItem[] ExpandedRecipes { get; private set; } = [];

    /// <summary>Every input file, carrying its recipe's metadata (LockFile identifies the recipe for target batching).</summary>
    [Output]
    public ITaskItem[] Inputs { get; private set; } = [];

    public override bool Execute()
    {
        var expanded = Recipes.Where(IsEnabled).Select(Expand).Where(item => item is not null).Select(item => item!).ToArray();
        ReportSharedOutputFolders(expanded);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        ExpandedRecipes = expanded;
        Inputs = expanded.SelectMany(InputsOf).ToArray();
        return true;
    }

    private static bool IsEnabled(ITaskItem item) =>
        !string.Equals(item.GetMetadata(PruneMetadata.Enabled).Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private ITaskItem? Expand(ITaskItem item)
    {
        var layout = new RecipeLayout(item, ProjectDirectory, StateDirectory, OutputRoot, CacheDirectory);
        if (!File.Exists(layout.Recipe))
        {
            Log.LogError(null, DiagnosticCodes.InvalidRecipeItem, null, layout.Recipe, 0, 0, 0, 0,
                $"The PruneRecipe '{item.ItemSpec}' does not exist.");
            return null;
        }

        var result = new TaskItem(item);
        result.SetMetadata(PruneMetadata.Recipe, layout.Recipe);
        result.SetMetadata(PruneMetadata.PruneName, layout.Name);
        result.SetMetadata(PruneMetadata.OutputPath, layout.OutputPath);
        result.SetMetadata(PruneMetadata.CachePath, layout.CachePath);
        result.SetMetadata(PruneMetadata.TargetPath, layout.TargetPath);
        result.SetMetadata(PruneMetadata.LockFile, layout.LockFile);
        result.SetMetadata(PruneMetadata.DependencyFile, layout.DependencyFile);
        result.SetMetadata(PruneMetadata.SettingsFile, layout.SettingsFile);
        result.SetMetadata(PruneMetadata.OutputListFile, layout.OutputListFile);
        result.SetMetadata(PruneMetadata.CopyListFile, layout.CopyListFile);
        if (string.IsNullOrWhiteSpace(item.GetMetadata(PruneMetadata.CopyToOutputDirectory)))
        {
            result.SetMetadata(PruneMetadata.CopyToOutputDirectory, "Never");
        }

        SettingsStamp.WriteIfChanged(layout.SettingsFile, Settings(result));
        return result;
    }

    private static string[] Settings(ITaskItem recipe) =>
    [
        "output=" + recipe.GetMetadata(PruneMetadata.OutputPath),
        .. recipe.GetMetadata(PruneMetadata.Overrides).Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(o => "set=" + o.Trim()),
    ];

    private static IEnumerable<ITaskItem> InputsOf(ITaskItem recipe)
    {
        var dependencies = File.Exists(recipe.GetMetadata(PruneMetadata.DependencyFile))
            ? File.ReadAllLines(recipe.GetMetadata(PruneMetadata.DependencyFile)).Select(line => line.Trim()).Where(line => line.Length > 0)
            : [];
        return new[] { recipe.GetMetadata(PruneMetadata.Recipe), recipe.GetMetadata(PruneMetadata.SettingsFile) }
            .Concat(dependencies)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (ITaskItem)new TaskItem(path, recipe.CloneCustomMetadata()));
    }

    private void ReportSharedOutputFolders(IEnumerable<ITaskItem> recipes)
    {
        foreach (var group in recipes.GroupBy(r => r.GetMetadata(PruneMetadata.OutputPath), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Log.LogError(null, DiagnosticCodes.InvalidRecipeItem, null, group.First().GetMetadata(PruneMetadata.Recipe), 0, 0, 0, 0,
                $"PruneRecipe items {string.Join(", ", group.Select(r => r.ItemSpec))} would all write to {group.Key}; " +
                "give each a different OutputPath metadata.");
        }
    }
}
