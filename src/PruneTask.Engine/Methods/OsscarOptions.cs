using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR settings (docs/methods.md §5). <paramref name="Keep"/>: fraction of groups that survive, K = ⌊G·keep⌋.
/// <paramref name="GroupSize"/>: 1 for MLP neurons, head_dim for attention heads. <paramref name="Damping"/>: λ₂.
/// <paramref name="UpdateIter"/>: u, the batch divisor of the greedy stage. <paramref name="LocalSearch"/> enables the
/// swap stage for up to <paramref name="MaxIter"/> swaps.
/// </summary>
public sealed record OsscarOptions(
    double Keep,
    int GroupSize,
    double Damping,
    int UpdateIter,
    bool LocalSearch,
    int MaxIter)
{
    /// <summary>Groups swapped per local-search step: the reference passes update_iter for neurons and 5 for heads.</summary>
    public int SwapCount => GroupSize == 1 ? UpdateIter : 5;

    /// <summary>
    /// The settings for a keep fraction of groups of <paramref name="groupSize"/> inputs and the options <c>damping</c>,
    /// <c>update_iter</c> (<c>auto</c>: by the group size, as the recipe resolves it), <c>local_search</c> and <c>max_iter</c>.
    /// </summary>
    public static OsscarOptions From(MethodOptions options, double keep, int groupSize)
    {
        var updateIter = options.IntegerOrAuto(OptionNames.UpdateIter)
            ?? StructuredGroups.AutoUpdateIter(groupSize == 1 ? StructuredGroups.Neurons : StructuredGroups.Heads);
        return new OsscarOptions(
            keep,
            groupSize,
            options.Number(OptionNames.Damping),
            checked((int)updateIter),
            options.Boolean(OptionNames.LocalSearch),
            checked((int)options.Integer(OptionNames.MaxIter)));
    }

    /// <summary>The settings with every option at its declared default.</summary>
    public static OsscarOptions Default(double keep, int groupSize = 1) => From(MethodOptions.Defaults(MethodNames.Osscar), keep, groupSize);

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

        if (UpdateIter < 1 || MaxIter < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateIter), "OSSCAR update_iter must be at least 1 and max_iter non-negative.");
        }
    }
}
