namespace PruneTask.Engine.Methods;

/// <summary>
/// Settings of the structured norm baseline: <paramref name="Keep"/> is the fraction of input groups that survive
/// (K = ⌊G·keep⌋); <paramref name="GroupSize"/> is 1 for MLP neurons and head_dim for attention heads.
/// </summary>
public sealed record NormPruningOptions(double Keep, int GroupSize = 1);
