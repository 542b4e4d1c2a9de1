using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Methods;

/// <summary>
/// What a method accepts: its target kinds, its options (with defaults), whether it needs calibration
/// statistics and whether it removes whole neurons or heads (structured).
/// </summary>
public sealed record MethodDefinition(
    string Name,
    IReadOnlyList<TargetKind> Targets,
    IReadOnlyList<OptionDefinition> Options,
    bool NeedsCalibration,
    bool IsStructured)
{
    public bool Accepts(TargetKind kind) => Targets.Contains(kind);

    public OptionDefinition? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);

    public string DescribeTargets() => string.Join(" or ", Targets.Select(PruneTarget.KeyOf));
}
