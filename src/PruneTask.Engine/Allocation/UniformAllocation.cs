using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Allocation;

/// <summary>The default allocation: every block gets the recipe's target.</summary>
public static class UniformAllocation
{
    public static double[] Sparsities(int blocks, double target) => Enumerable.Repeat(target, blocks).ToArray();

    public static NmPattern[] Patterns(int blocks, NmPattern target) => Enumerable.Repeat(target, blocks).ToArray();
}
