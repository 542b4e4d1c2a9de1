namespace PruneTask.Recipes.Model;

/// <summary>
/// What a layer's target measures; the recipe key is the lower-case name. What each kind means and the values it
/// takes are declared in <see cref="Methods.TargetKinds"/>, which methods take it in <see cref="Methods.MethodCatalog"/>.
/// </summary>
public enum TargetKind
{
    Sparsity,
    Pattern,
    Compression,
    Keep,
}
