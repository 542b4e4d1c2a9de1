namespace PruneTask.Recipes.Methods;

/// <summary>The <c>method:</c> values a recipe accepts.</summary>
public static class MethodNames
{
    public const string Magnitude = "magnitude";
    public const string Wanda = "wanda";
    public const string SparseGpt = "sparsegpt";
    public const string Oats = "oats";
    public const string Osscar = "osscar";

    /// <summary>Structured baseline: drop the MLP neurons with the smallest weight norm, no refit.</summary>
    public const string Norm = "norm";
}
