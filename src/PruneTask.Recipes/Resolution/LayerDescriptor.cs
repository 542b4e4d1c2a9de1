namespace PruneTask.Recipes.Resolution;

/// <summary>
/// A prunable linear layer as the engine reads it from the model's tensor list: checkpoint module name
/// (without <c>.weight</c>), decoder block, weight shape [out, in] and its <see cref="LayerRoles">role</see>.
/// </summary>
public sealed record LayerDescriptor(string Name, int BlockIndex, long OutFeatures, long InFeatures, string Role);
