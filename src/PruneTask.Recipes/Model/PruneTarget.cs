using System.Globalization;

namespace PruneTask.Recipes.Model;

/// <summary>
/// A layer's target. <see cref="Fraction"/> is the sparsity, compression or keep fraction; for a
/// <see cref="TargetKind.Pattern"/> target it is the pattern's sparsity (M − N) / M and <see cref="Pattern"/> is set.
/// </summary>
public sealed record PruneTarget(TargetKind Kind, double Fraction, NmRatio? Pattern = null)
{
    /// <summary>The recipe key of this target: sparsity, pattern, compression or keep.</summary>
    public string Key => KeyOf(Kind);

    /// <summary>True for the targets an allocation strategy such as OWL may vary per block.</summary>
    public bool IsFraction => Kind is TargetKind.Sparsity or TargetKind.Compression;

    public static PruneTarget OfPattern(NmRatio pattern) => new(TargetKind.Pattern, pattern.Sparsity, pattern);

    public static string KeyOf(TargetKind kind) => kind.ToString().ToLowerInvariant();

    public override string ToString() =>
        Pattern is { } pattern ? $"{Key} {pattern}" : string.Create(CultureInfo.InvariantCulture, $"{Key} {Fraction}");
}
