namespace PruneTask.Recipes.Model;

/// <summary>
/// The <c>allocation</c> section. For OWL, <see cref="OutlierThreshold"/> is M (a score counts as an outlier above
/// M times the block mean) and <see cref="Lambda"/> sets the spread (max − min of the block targets is 2λ);
/// every block target is then clamped to [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed record AllocationSettings(AllocationStrategy Strategy, double OutlierThreshold, double Lambda, double Min, double Max)
{
    public const double DefaultOutlierThreshold = 5;
    public const double DefaultLambda = 0.08;
    public const double DefaultMin = 0;
    public const double DefaultMax = 0.99;

    public static AllocationSettings Uniform { get; } =
        new(AllocationStrategy.Uniform, DefaultOutlierThreshold, DefaultLambda, DefaultMin, DefaultMax);
}

/// <summary>How a group of layers shares its target across blocks.</summary>
public enum AllocationStrategy
{
    /// <summary>Every layer gets the target as written.</summary>
    Uniform,

    /// <summary>Outlier-weighed layerwise sparsity: blocks with more activation outliers are pruned less.</summary>
    Owl,
}
