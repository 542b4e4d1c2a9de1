namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR settings (docs/methods.md §5). <paramref name="Keep"/>: fraction of groups that survive, K = ⌊G·keep⌋.
/// <paramref name="GroupSize"/>: 1 for MLP neurons, head_dim for attention heads. <paramref name="Damping"/>: λ₂.
/// <paramref name="UpdateIter"/>: u, the batch divisor of the greedy stage (reference: 10 for neurons, 2 for heads).
/// <paramref name="LocalSearch"/> enables the swap stage for up to <paramref name="MaxIter"/> swaps.
/// </summary>
public sealed record OsscarOptions(
    double Keep,
    int GroupSize = 1,
    double Damping = 0.01,
    int? UpdateIter = null,
    bool LocalSearch = false,
    int MaxIter = 20)
{
    public int EffectiveUpdateIter => UpdateIter ?? (GroupSize == 1 ? 10 : 2);

    /// <summary>Groups swapped per local-search step: the reference passes update_iter for neurons and 5 for heads.</summary>
    public int SwapCount => GroupSize == 1 ? EffectiveUpdateIter : 5;

    public void Validate()
    {
        if (Keep is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Keep), Keep, "OSSCAR keep must lie in [0, 1].");
        }

        if (Damping <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "OSSCAR damping must be positive.");
        }

        if (EffectiveUpdateIter < 1 || MaxIter < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateIter), "OSSCAR update_iter must be at least 1 and max_iter non-negative.");
        }
    }
}
