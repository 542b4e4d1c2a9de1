using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class AllocationReaderTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Owl_fills_in_the_reference_defaults()
    {
        var allocation = Load("{strategy: owl}").Recipe!.Allocation;

        Assert.Equal(new AllocationSettings(AllocationStrategy.Owl, 5, 0.08, 0, 0.99), allocation);
    }

    [Theory]
    [InlineData("{m: 3}", "PRN021@6:14")]
    [InlineData("{strategy: uniform, max: 0.9}", "PRN021@6:33")]
    [InlineData("{strategy: owl, min: 0.9, max: 0.5}", "PRN028@6:34")]
    [InlineData("{strategy: owl, m: 0}", "PRN014@6:32")]
    [InlineData("{strategy: owl, max: 1.5}", "PRN014@6:34")]
    [InlineData("{strategy: greedy}", "PRN013@6:24")]
    public void Allocation_mistakes_are_reported(string allocation, string expected) =>
        DiagnosticAssert.Errors(Load(allocation).Diagnostics, expected);

    private RecipeLoadResult Load(string allocation) => _folder.Load($"""
        version: 1
        model: {"{"}path: model{"}"}
        calibration: {"{"}dataset: calib.txt{"}"}
        defaults: {"{"}method: wanda, sparsity: 0.5{"}"}
        # the allocation under test
        allocation: {allocation}
        """);
}
