namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR's first stage (<c>fastprune</c>): backward elimination in T = max(1, ⌊R/u⌋) batches of near-equal size, each
/// removing the groups with the smallest removal cost Δ_g, with exact low-rank downdates in between.
/// </summary>
internal static class OsscarGreedy
{
    /// <returns>The removed groups; at most <paramref name="keptGroups"/> groups stay.</returns>
    /// <param name="observeStep">Called with the state after every batch (tests check it against the exact refit).</param>
    public static bool[] Run(OsscarProblem problem, int keptGroups, int updateIter, Action<OsscarState>? observeStep = null)
    {
        var alreadyRemoved = problem.AlreadyRemoved();
        using var state = OsscarState.Fit(problem, alreadyRemoved);
        foreach (var size in BatchSizes(state.KeptCount - keptGroups, updateIter))
        {
            state.Remove(Smallest(state.RemovalCosts(), size));
            observeStep?.Invoke(state);
        }

        return (bool[])state.Removed.Clone();
    }

    /// <summary>R removals split into max(1, ⌊R/u⌋) batches; the first R mod T batches get one extra.</summary>
    public static IReadOnlyList<int> BatchSizes(int removals, int updateIter)
    {
        if (removals <= 0)
        {
            return [];
        }

        var batches = Math.Max(1, removals / updateIter);
        var (quotient, remainder) = Math.DivRem(removals, batches);
        return [.. Enumerable.Range(0, batches).Select(t => quotient + (t < remainder ? 1 : 0))];
    }

    /// <summary>The indices of the <paramref name="count"/> smallest scores; equal scores take the lower index first.</summary>
    public static int[] Smallest(double[] scores, int count) =>
        [.. Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).Take(count)];
}
