using PruneTask.Engine.Allocation;
using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Tests.Allocation;

public class UniformAllocationTests
{
    [Fact]
    public void Every_block_gets_the_target()
    {
        Assert.Equal([0.5, 0.5, 0.5], UniformAllocation.Sparsities(3, 0.5));
        Assert.Equal([new NmPattern(2, 4), new NmPattern(2, 4)], UniformAllocation.Patterns(2, new NmPattern(2, 4)));
    }
}
