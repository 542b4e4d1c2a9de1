using PruneTask.Engine.Models;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Planning;

/// <summary>Reads a model folder's prunable layers from config.json and tensor headers, for recipe checks.</summary>
public sealed class ModelLayerReader : IModelLayerReader
{
    public IReadOnlyList<LayerDescriptor> ReadLayers(string modelDirectory) =>
        LayerDescriptors.From(ModelLoader.Inspect(modelDirectory).Linears);
}
