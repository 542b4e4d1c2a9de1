namespace PruneTask.Recipes.Methods;

/// <summary>The method option keys, as they appear in recipes and in resolved option dictionaries.</summary>
public static class OptionNames
{
    /// <summary>magnitude: <c>layer</c> (one threshold per matrix) or <c>row</c>.</summary>
    public const string Scope = "scope";

    /// <summary>sparsegpt: columns per lazy-update block.</summary>
    public const string BlockSize = "blocksize";

    /// <summary>sparsegpt, osscar: dampening relative to the mean of the Hessian diagonal.</summary>
    public const string Damping = "damping";

    /// <summary>oats: share κ of the kept parameters that goes to the low-rank part.</summary>
    public const string RankRatio = "rank_ratio";

    /// <summary>oats: alternating-thresholding iterations.</summary>
    public const string Iterations = "iterations";

    /// <summary>oats: <c>exact</c> (full thin SVD) or <c>randomized</c> (top-r range finder).</summary>
    public const string Svd = "svd";

    /// <summary>osscar: <c>neurons</c> or <c>heads</c>; resolved from the layer's role.</summary>
    public const string Groups = "groups";

    /// <summary>osscar: groups removed per greedy step divisor (10 for neurons, 2 for heads when resolved).</summary>
    public const string UpdateIter = "update_iter";

    /// <summary>osscar: run the swap local search after the greedy stage.</summary>
    public const string LocalSearch = "local_search";

    /// <summary>osscar: local-search iterations.</summary>
    public const string MaxIter = "max_iter";
}
