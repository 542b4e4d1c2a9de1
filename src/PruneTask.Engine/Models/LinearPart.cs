namespace PruneTask.Engine.Models;

/// <summary>The output rows [FirstRow, FirstRow + Rows) of a linear that serve one role.</summary>
public sealed record LinearPart(LinearRole Role, long FirstRow, long Rows);
