using PruneTask.Recipes;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>A temporary folder with a stand-in model folder and datasets, where tests write recipes and load them.</summary>
internal sealed class RecipeFolder : IDisposable
{
    public RecipeFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "prunetask-recipes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "model"));
        File.WriteAllText(Path.Combine(Root, "model", "config.json"), "{}");
        File.WriteAllText(Path.Combine(Root, "calib.txt"), "calibration text");
        File.WriteAllText(Path.Combine(Root, "eval.jsonl"), "{\"text\": \"evaluation text\"}");
    }

    public string Root { get; }

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    public RecipeLoadResult Load(string yaml, RecipeOverrides? overrides = null, string name = "recipe.prune.yaml") =>
        RecipeLoader.Load(Write(name, yaml), overrides);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
