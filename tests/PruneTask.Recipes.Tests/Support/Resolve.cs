using PruneTask.Recipes.Resolution;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>Loads a recipe body (model and calibration are added) and resolves it against a layer list.</summary>
internal static class Resolve
{
    public static ResolutionResult Body(RecipeFolder folder, string body, IReadOnlyList<LayerDescriptor>? layers = null, bool strict = false)
    {
        var loaded = folder.Load("version: 1\nmodel: {path: model}\ncalibration: {dataset: calib.txt}\n" + body + "\n");
        Assert.Empty(loaded.Diagnostics);
        return RecipeResolver.Resolve(loaded.Recipe!, layers ?? TinyModels.Llama(), strict);
    }

    public static ResolvedLayer Layer(this ResolutionResult result, string name) => result.Layers.Single(l => l.Name == name);
}
