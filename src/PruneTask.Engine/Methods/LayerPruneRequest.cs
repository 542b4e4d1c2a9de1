using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// What a method gets to prune one linear layer: its float32 [out, in] weight, the calibration statistics of its
/// input (null when the method needs none), the layer's allocated <see cref="Target"/>, the method's
/// <see cref="Options"/> and the <see cref="Geometry"/> the engine derives from the model.
/// </summary>
public sealed record LayerPruneRequest(
    torch.Tensor Weight,
    LayerStatistics? Statistics,
    PruneTarget Target,
    MethodOptions Options)
{
    /// <summary>Stops a long method at its next safe point (SparseGPT between column blocks).</summary>
    public CancellationToken Cancellation { get; init; }

    public LayerGeometry Geometry { get; init; } = LayerGeometry.Plain;

    public LayerStatistics RequireStatistics(string method) =>
        Statistics ?? throw new InvalidOperationException($"{method} needs calibration statistics, and none were given.");

    /// <summary>The error for a target of a kind the method does not take, worded from its declaration.</summary>
    public ArgumentException TargetNotAccepted() =>
        new($"{Options.Method.Name} takes a {Options.Method.DescribeTargets()} target, not {Target.Key}.");
}
