using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// One row of the method benchmark: a method, its target and options (the declared defaults unless set), and the model of how many floating-point
/// operations (counting a sort's comparisons as operations) it needs for a [d_out, d_in] layer.
/// </summary>
public sealed record BenchmarkCase(
    string Name,
    PruningMethod Method,
    PruneTarget Target,
    Func<long, long, double> OperationCount)
{
    public MethodOptions Options { get; init; } = MethodOptions.Defaults(Method.Name);
}
