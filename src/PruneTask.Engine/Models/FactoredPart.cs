namespace PruneTask.Engine.Models;

/// <summary>The rows [FirstRow, FirstRow + Rows) of a fused factored layer that serve one role (query, key, gate, …).</summary>
public sealed record FactoredPart(string Role, long FirstRow, long Rows);
