namespace PruneTask.Recipes.Model;

/// <summary>Which activations calibrate block l + 1.</summary>
public enum Propagation
{
    /// <summary>The output of the already pruned block l, as in the papers (the default).</summary>
    Pruned,

    /// <summary>The dense model's activations, so every block is independent.</summary>
    Dense,
}
