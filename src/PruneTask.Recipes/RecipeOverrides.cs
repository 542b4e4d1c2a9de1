namespace PruneTask.Recipes;

/// <summary>
/// Command-line changes applied after extends and before variables are substituted.
/// <see cref="Settings"/> are <c>path=value</c> (e.g. <c>calibration.samples=32</c>, <c>layers.0.sparsity=0.6</c>,
/// value in YAML); <see cref="Variables"/> are <c>name=value</c> for variables the recipe declares.
/// </summary>
public sealed record RecipeOverrides(IReadOnlyList<string> Settings, IReadOnlyList<string> Variables)
{
    public static RecipeOverrides None { get; } = new([], []);
}
