using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// One row of the method benchmark: a method, its target and options, and the model of how many floating-point
/// operations (counting a sort's comparisons as operations) it needs for a [d_out, d_in] layer.
/// </summary>
public sealed record BenchmarkCase(
    string Name,
    IPruningMethod Method,
    double? Sparsity,
    NmPattern? Pattern,
    Func<long, long, double> OperationCount)
{
    public IReadOnlyDictionary<string, object> Options { get; init; } = new Dictionary<string, object>();
}
