namespace PruneTask.Recipes.Model;

/// <summary>What a layer's target measures; the recipe key is the lower-case name.</summary>
public enum TargetKind
{
    /// <summary><c>sparsity</c>: fraction of weights set to zero, in [0, 1) (magnitude, wanda, sparsegpt).</summary>
    Sparsity,

    /// <summary><c>pattern</c>: "N:M", at most N nonzeros in every group of M inputs of a row.</summary>
    Pattern,

    /// <summary><c>compression</c>: fraction of parameters removed, low-rank and sparse together, in [0, 1) (oats).</summary>
    Compression,

    /// <summary><c>keep</c>: fraction of neurons or heads kept, in (0, 1] (osscar, norm).</summary>
    Keep,
}
