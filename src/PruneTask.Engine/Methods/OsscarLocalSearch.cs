namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR's optional second stage (<c>local_search</c>): swap the t cheapest kept groups for the t removed groups with
/// the largest re-addition gain, accept when f falls (f_new &lt; f_cur·(1 + 1e-9)), and stop at the first swap that does
/// not help (the reference default, switch_lb = 1).
/// </summary>
internal static class OsscarLocalSearch
{
    /// <returns>The best support found and f after every accepted swap (the first entry is f on the starting support).</returns>
    public static (bool[] Removed, IReadOnlyList<double> Objectives) Run(OsscarProblem problem, bool[] removed, int swaps, int maxIterations)
    {
        var best = (bool[])removed.Clone();
        var current = FitObjective(problem, best);
        var objectives = new List<double> { current };
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var candidate = Swap(problem, best, swaps);
            if (candidate is null)
            {
                break;
            }

            var objective = FitObjective(problem, candidate);
            if (!(objective < current * (1 + 1e-9)))
            {
                break;
            }

            (best, current) = (candidate, objective);
            objectives.Add(objective);
        }

        return (best, objectives);
    }

    private static bool[]? Swap(OsscarProblem problem, bool[] removed, int swaps)
    {
        using var state = OsscarState.Fit(problem, removed);
        var count = Math.Min(swaps, state.KeptCount);
        if (count == 0)
        {
            return null;
        }

        state.Remove(OsscarGreedy.Smallest(state.RemovalCosts(), count));
        var gains = state.AdditionGains();
        var candidate = (bool[])state.Removed.Clone();
        foreach (var g in OsscarGreedy.Smallest([.. gains.Select(x => -x)], count))
        {
            candidate[g] = false;
        }

        return candidate;
    }

    private static double FitObjective(OsscarProblem problem, bool[] removed)
    {
        using var weights = problem.Refit(removed);
        return problem.Objective(weights);
    }
}
