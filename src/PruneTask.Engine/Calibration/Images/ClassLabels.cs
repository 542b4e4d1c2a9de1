using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// The label of each class folder. When the model's config.json has <c>label2id</c> and every class folder name is a
/// key of it, a folder's label is <c>label2id[name]</c>; otherwise it is the folder's index among the class folder
/// names sorted ordinally (0, 1, …).
/// </summary>
internal static class ClassLabels
{
    public static long[] Of(IReadOnlyList<string> classNames, string? modelDirectory)
    {
        var byIndex = Enumerable.Range(0, classNames.Count).Select(i => (long)i).ToArray();
        var path = modelDirectory is null ? null : Path.Combine(modelDirectory, "config.json");
        if (path is null || !File.Exists(path))
        {
            return byIndex;
        }

        try
        {
            var label2id = ConfigJson.Parse(File.ReadAllText(path)).Object("label2id");
            if (label2id is null || !classNames.All(label2id.Has))
            {
                return byIndex;
            }

            return [.. classNames.Select(name => (long)label2id.Int(name))];
        }
        catch (Exception e) when (e is InvalidModelException or IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"label2id cannot be used for the class folders: {e.Message}", e);
        }
    }
}
