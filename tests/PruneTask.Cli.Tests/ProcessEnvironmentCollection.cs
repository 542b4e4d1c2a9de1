namespace PruneTask.Cli.Tests;

/// <summary>
/// Tests that set process-wide environment variables (or libtorch's thread count). They run alone, after the parallel
/// tests, so no other test sees what they set.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
