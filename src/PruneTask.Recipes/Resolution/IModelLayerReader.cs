namespace PruneTask.Recipes.Resolution;

/// <summary>
/// Lists a model's prunable layers from its tensor list (no weights loaded), for checks and plans that need the
/// model's shape. The engine implements it; the recipe library stays free of model I/O.
/// </summary>
public interface IModelLayerReader
{
    /// <param name="modelPath">The absolute model folder from <c>model.path</c>.</param>
    /// <returns>The prunable layers in model order.</returns>
    IReadOnlyList<LayerDescriptor> ReadLayers(string modelPath);
}
