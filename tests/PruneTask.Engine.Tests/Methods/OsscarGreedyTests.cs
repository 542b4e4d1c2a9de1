using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OsscarGreedyTests
{
    [Theory]
    [InlineData(64, 10, new[] { 11, 11, 11, 11, 10, 10 })]
    [InlineData(2, 2, new[] { 2 })]
    [InlineData(3, 10, new[] { 3 })]
    [InlineData(0, 10, new int[0])]
    public void Batches_split_the_removals_as_the_reference_does(int removals, int updateIter, int[] expected)
    {
        Assert.Equal(expected, OsscarGreedy.BatchSizes(removals, updateIter));
    }

    [Fact]
    public void Smallest_breaks_ties_by_the_lower_index()
    {
        Assert.Equal(new[] { 3, 1, 2 }, OsscarGreedy.Smallest([5, 1, 1, 0, 7], 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void After_every_step_the_state_is_the_exact_least_squares_fit_and_the_objective_rises(int groupSize)
    {
        using var layer = PlantedOutlierLayer.Create(seed: 31);
        using var problem = OsscarProblem.Create(layer.Weight, layer.Gram, InputGroups.Of(128, groupSize), 0.01);
        var objectives = new List<double> { problem.Objective(problem.Start) };
        var steps = 0;

        OsscarGreedy.Run(problem, keptGroups: 128 / groupSize / 4, updateIter: 2, observeStep: state =>
        {
            steps++;
            using var exact = problem.Refit(state.Removed);
            using var inverse = problem.InverseOn(state.Removed);
            Assert.True(state.Weights.allclose(exact, rtol: 1e-6, atol: 1e-9));
            Assert.True(state.Inverse.allclose(inverse, rtol: 1e-6, atol: 1e-12));
            objectives.Add(problem.Objective(state.Weights));
        });

        Assert.Equal(groupSize == 1 ? 48 : 3, steps);
        for (var i = 1; i < objectives.Count; i++)
        {
            Assert.True(objectives[i] >= objectives[i - 1], $"step {i}: {objectives[i]} < {objectives[i - 1]}");
        }
    }

    [Fact]
    public void Removal_cost_predicts_the_objective_change_of_a_single_removal()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 32);
        using var problem = OsscarProblem.Create(layer.Weight, layer.Gram, InputGroups.Of(128, 16), 0.01);
        using var state = OsscarState.Fit(problem, new bool[8]);
        var costs = state.RemovalCosts();
        var before = problem.Objective(state.Weights);

        state.Remove([3]);

        Assert.Equal(before + costs[3], problem.Objective(state.Weights), Math.Abs(before) * 1e-9);
    }
}
