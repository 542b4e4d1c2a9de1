using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Tests.Methods;

public class OsscarLocalSearchTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(16, 5)]
    public void Objective_never_increases_and_the_number_of_kept_groups_stays(int groupSize, int swaps)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 41);
        var groups = InputGroups.Of(128, groupSize);
        using var problem = OsscarProblem.Create(layer.Weight, layer.Gram, groups, 0.01);
        var greedy = OsscarGreedy.Run(problem, groups.KeptFor(0.5), updateIter: 64);

        var (removed, objectives) = OsscarLocalSearch.Run(problem, greedy, swaps, maxIterations: 20);

        Assert.Equal(greedy.Count(r => r), removed.Count(r => r));
        for (var i = 1; i < objectives.Count; i++)
        {
            Assert.True(objectives[i] < objectives[i - 1]);
        }

        using var final = problem.Refit(removed);
        Assert.Equal(objectives[^1], problem.Objective(final), Math.Abs(objectives[^1]) * 1e-12);
    }

    [Fact]
    public void Swaps_improve_a_deliberately_bad_support()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 42);
        var groups = InputGroups.Of(128, 1);
        using var problem = OsscarProblem.Create(layer.Weight, layer.Gram, groups, 0.01);
        var firstHalfRemoved = Enumerable.Range(0, 128).Select(g => g < 64).ToArray();

        var (removed, objectives) = OsscarLocalSearch.Run(problem, firstHalfRemoved, swaps: 10, maxIterations: 5);

        Assert.True(objectives.Count > 1);
        Assert.True(objectives[^1] < objectives[0]);
        Assert.Equal(64, removed.Count(r => r));
    }
}
