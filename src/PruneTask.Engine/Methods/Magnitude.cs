using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Magnitude pruning: zeroes the smallest |W| with no calibration data. Unstructured pruning flags exactly
/// floor(s · count) weights of the layer (<see cref="MagnitudeScope.Layer"/>, docs/methods.md Decisions 7) or of each row;
/// N:M zeroes the M − N smallest of every group. Ties go to the lower index; kept weights are copied unchanged.
/// </summary>
public sealed class Magnitude : IPruningMethod
{
    public const string MethodName = "magnitude";

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.None;

    /// <summary>Reads the option <c>scope</c> (<c>layer</c>, the default, or <c>row</c>); a pattern, when given, wins over the sparsity.</summary>
    public PrunedLayer Prune(LayerPruneRequest request) =>
        request.Pattern is { } pattern
            ? Prune(request.Weight, pattern)
            : Prune(request.Weight, request.RequireSparsity(MethodName), ParseScope(request.Option("scope", "layer")));

    public static PrunedLayer Prune(torch.Tensor weight, double sparsity, MagnitudeScope scope = MagnitudeScope.Layer)
    {
        MethodInputs.CheckWeight(weight);
        using var disposeScope = torch.NewDisposeScope();
        var magnitudes = weight.abs();
        var mask = scope == MagnitudeScope.Layer
            ? PruneMasks.SmallestOverall(magnitudes, PruneMasks.CountFor(sparsity, weight.numel()))
            : PruneMasks.SmallestPerRow(magnitudes, PruneMasks.CountFor(sparsity, weight.shape[1]));
        return new PrunedLayer(weight.masked_fill(mask, RootedScalars.Zero).MoveToOuterDisposeScope());
    }

    public static PrunedLayer Prune(torch.Tensor weight, NmPattern pattern)
    {
        MethodInputs.CheckWeight(weight);
        using var disposeScope = torch.NewDisposeScope();
        var mask = PruneMasks.SmallestPerGroup(weight.abs(), pattern);
        return new PrunedLayer(weight.masked_fill(mask, RootedScalars.Zero).MoveToOuterDisposeScope());
    }

    private static MagnitudeScope ParseScope(string text) => text switch
    {
        "layer" => MagnitudeScope.Layer,
        "row" => MagnitudeScope.Row,
        _ => throw new ArgumentException($"Magnitude option 'scope' must be 'layer' or 'row', not '{text}'."),
    };
}
