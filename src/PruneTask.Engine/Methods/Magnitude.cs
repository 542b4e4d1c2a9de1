using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Magnitude pruning: zeroes the smallest |W| with no calibration data. Unstructured pruning flags exactly
/// floor(s · count) weights of the layer (<see cref="MagnitudeScope.Layer"/>, docs/methods.md Decisions 7) or of each row;
/// N:M zeroes the M − N smallest of every group. Ties go to the lower index; kept weights are copied unchanged.
/// </summary>
public sealed class Magnitude() : PruningMethod(MethodName, algorithmVersion: 1)
{
    public const string MethodName = MethodNames.Magnitude;

    /// <summary>The declared default of the option <c>scope</c>.</summary>
    public static MagnitudeScope DefaultScope { get; } = MethodOptions.Defaults(MethodName).Choice<MagnitudeScope>(OptionNames.Scope);

    /// <summary>Takes a sparsity (in the option <c>scope</c>) or a pattern.</summary>
    public override PrunedLayer Prune(LayerPruneRequest request) => request.Target switch
    {
        PruneTarget.Pattern pattern => Prune(request.Weight, pattern.Ratio),
        PruneTarget.Sparsity sparsity => Prune(request.Weight, sparsity.Fraction, request.Options.Choice<MagnitudeScope>(OptionNames.Scope)),
        _ => throw request.TargetNotAccepted(),
    };

    public static PrunedLayer Prune(torch.Tensor weight, double sparsity) => Prune(weight, sparsity, DefaultScope);

    public static PrunedLayer Prune(torch.Tensor weight, double sparsity, MagnitudeScope scope)
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
}

/// <summary>
/// Where magnitude pruning compares weights: over the whole layer (one threshold) or within each output row. The members
/// are the choices of the option <c>scope</c>, by name.
/// </summary>
public enum MagnitudeScope
{
    Layer,
    Row,
}
