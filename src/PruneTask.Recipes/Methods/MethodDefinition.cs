using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// What a method accepts: its target kinds, its options (with defaults), the calibration statistics it reads and
/// whether it removes whole neurons or heads (structured). <see cref="Description"/> is one sentence, shown by the
/// schema and the docs.
/// </summary>
public sealed record MethodDefinition(
    string Name,
    string Description,
    IReadOnlyList<TargetKind> Targets,
    IReadOnlyList<OptionDefinition> Options,
    StatisticsNeed Statistics,
    bool IsStructured)
{
    /// <summary>True when the method reads calibration activations, so a recipe that uses it needs <c>calibration</c>.</summary>
    public bool NeedsCalibration => Statistics != StatisticsNeed.None;

    public bool Accepts(TargetKind kind) => Targets.Contains(kind);

    public OptionDefinition? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    public string DescribeTargets() => string.Join(" or ", Targets.Select(PruneTarget.KeyOf));
}

/// <summary>The statistic of a layer's calibration inputs X (rows are tokens) that a method reads.</summary>
public enum StatisticsNeed
{
    /// <summary>No calibration data.</summary>
    None,

    /// <summary>The diagonal of XᵀX: each input feature's squared norm.</summary>
    Diagonal,

    /// <summary>The whole XᵀX (the Hessian of the layer's reconstruction error).</summary>
    Gram,
}
