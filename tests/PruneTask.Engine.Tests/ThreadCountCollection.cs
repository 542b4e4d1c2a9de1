namespace PruneTask.Engine.Tests;

/// <summary>
/// Tests that change libtorch's process-wide thread count. They run alone, after the parallel tests, so no other
/// test's run computes or makes cache keys under a thread count it did not choose.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "libtorch thread count";
}
