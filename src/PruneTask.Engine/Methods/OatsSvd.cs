namespace PruneTask.Engine.Methods;

/// <summary>How OATS finds the best rank-r approximation in each iteration: the choices of the option <c>svd</c>, by name.</summary>
public enum OatsSvd
{
    /// <summary>Full thin SVD, as the reference implementation does.</summary>
    Exact,

    /// <summary>Randomized range finder (Gaussian sketch, power iterations, small SVD): O(d_out·d_in·r) instead of a full SVD.</summary>
    Randomized,
}
