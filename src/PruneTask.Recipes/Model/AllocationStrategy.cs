namespace PruneTask.Recipes.Model;

/// <summary>How a group of layers shares its target across blocks.</summary>
public enum AllocationStrategy
{
    /// <summary>Every layer gets the target as written.</summary>
    Uniform,

    /// <summary>Outlier-weighed layerwise sparsity: blocks with more activation outliers are pruned less.</summary>
    Owl,
}
