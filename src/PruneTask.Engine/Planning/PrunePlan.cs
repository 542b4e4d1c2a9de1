using PruneTask.Engine.Models;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Planning;

/// <summary>A recipe resolved against a model's tensor list: what happens to every prunable layer. No weights read.</summary>
public sealed record PrunePlan(Recipe Recipe, ModelSummary Model, IReadOnlyList<ResolvedLayer> Layers, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<ResolvedLayer> Pruned => Layers.Where(l => !l.Skip && l.Method is not null);

    public static PrunePlan Build(Recipe recipe, bool strict)
    {
        var model = ModelLoader.Inspect(recipe.Model.Path.Value);
        var resolution = RecipeResolver.Resolve(recipe, LayerDescriptors.From(model.Linears), strict);
        return new PrunePlan(recipe, model, resolution.Layers, resolution.Diagnostics);
    }
}
