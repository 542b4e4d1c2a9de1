using PruneTask.Engine.Calibration.Images;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Planning;

/// <summary>
/// Every file a run reads, as absolute paths: the recipe and the recipes it extends, the model folder's files
/// (config, weights, tokenizer) and the calibration and evaluation data (for an image folder, its image files).
/// Build tools use it as their inputs.
/// </summary>
public static class RunInputFiles
{
    public static IReadOnlyList<string> List(Recipe recipe)
    {
        var files = new List<string>(recipe.SourceFiles);
        var model = recipe.Model.Path.Value;
        if (Directory.Exists(model))
        {
            files.AddRange(Directory.EnumerateFiles(model).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
        }

        if (recipe.Calibration is { } calibration)
        {
            AddDataset(files, calibration.Dataset.Value);
        }

        if (recipe.Evaluation is { } evaluation)
        {
            AddDataset(files, evaluation.Dataset.Value);
        }

        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static void AddDataset(List<string> files, string dataset)
    {
        if (Directory.Exists(dataset))
        {
            files.AddRange(ImageFolderReader.Files(dataset));
        }
        else
        {
            files.Add(dataset);
        }
    }
}
