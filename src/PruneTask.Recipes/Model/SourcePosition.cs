namespace PruneTask.Recipes.Model;

/// <summary>
/// Where a value came from: a recipe file (as displayed in diagnostics) with a 1-based line and column,
/// or a command-line override such as <c>--set calibration.samples</c> with line and column 0.
/// </summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}

/// <summary>A recipe value together with the position it was written at, so later stages can point back at it.</summary>
public sealed record Located<T>(T Value, SourcePosition Position);
