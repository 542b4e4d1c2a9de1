using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Methods;

/// <summary>
/// SparseGPT's knobs (docs/methods.md §2): the column block size B, in which one adaptive mask is chosen and updates
/// are applied lazily, and the relative damping added to the Hessian diagonal (times its mean). Built from the options
/// <c>blocksize</c> and <c>damping</c>; <see cref="Default"/> holds their declared defaults.
/// </summary>
public sealed record SparseGptSettings(int BlockSize, double Damping)
{
    public static SparseGptSettings Default { get; } = From(MethodOptions.Defaults(MethodNames.SparseGpt));

    /// <summary>How many times the damping is raised tenfold when a Cholesky factorization fails.</summary>
    public const int DampingRaises = 4;

    public static SparseGptSettings From(MethodOptions options) =>
        new(checked((int)options.Integer(OptionNames.BlockSize)), options.Number(OptionNames.Damping));

    public void Check(NmPattern? pattern)
    {
        if (BlockSize <= 0)
        {
            throw new ArgumentException($"SparseGPT option 'blocksize' must be positive, not {BlockSize}.");
        }

        if (!(Damping > 0) || double.IsInfinity(Damping))
        {
            throw new ArgumentException($"SparseGPT option 'damping' must be a positive number, not {Damping}.");
        }

        if (pattern is { } p && BlockSize % p.M != 0)
        {
            throw new ArgumentException($"SparseGPT's blocksize {BlockSize} must be a multiple of M = {p.M} for the pattern {p}.");
        }
    }
}
