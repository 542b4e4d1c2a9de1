using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>Logits of a model folder on a fixture's reference input ids, for comparing two outputs of the same recipe.</summary>
internal static class OutputLogits
{
    public static torch.Tensor Of(string modelFolder, string fixture, ModelOptions? options = null)
    {
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", fixture, "reference.safetensors"));
        using var ids = reference.Load("input_ids");
        using var model = ModelLoader.Load(modelFolder, options);
        return model.Forward(ids);
    }

    public static float MaxDifference(torch.Tensor expected, torch.Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        return (expected - actual).abs().max().item<float>();
    }
}
