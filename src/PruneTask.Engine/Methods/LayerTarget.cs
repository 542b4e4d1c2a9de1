using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Methods;

/// <summary>The target one layer is pruned to after allocation: a fraction (sparsity, compression or keep) or an N:M pattern.</summary>
public sealed record LayerTarget(double? Fraction, NmPattern? Pattern)
{
    public override string ToString() =>
        Pattern is { } p ? p.ToString() : Fraction is { } f ? f.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "none";
}
