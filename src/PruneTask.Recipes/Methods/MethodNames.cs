namespace PruneTask.Recipes.Methods;

/// <summary>The <c>method:</c> values a recipe accepts; each is declared in <see cref="MethodCatalog"/>.</summary>
public static class MethodNames
{
    public const string Magnitude = "magnitude";
    public const string Wanda = "wanda";
    public const string SparseGpt = "sparsegpt";
    public const string Oats = "oats";
    public const string Osscar = "osscar";
    public const string Norm = "norm";
}
