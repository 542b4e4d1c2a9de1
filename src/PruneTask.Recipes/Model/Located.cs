namespace PruneTask.Recipes.Model;

/// <summary>A recipe value together with the position it was written at, so later stages can point back at it.</summary>
public sealed record Located<T>(T Value, SourcePosition Position);
