using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

/// <summary>The shared tiny models, loaded from their folders or copied into memory.</summary>
internal static class FixtureModels
{
    public static string Folder(string name) => RepositoryPaths.Fixture("models", name);

    public static PrunableModel Load(string name) => ModelLoader.Load(Folder(name));

    public static ModelConfig Config(string name) => ModelLoader.ReadConfig(Folder(name));

    public static SafetensorsFile Reference(string name) =>
        SafetensorsFile.Open(RepositoryPaths.Fixture("models", name, "reference.safetensors"));

    /// <summary>Every tensor of the fixture in memory, renamed by <paramref name="rename"/> and left out where it returns null.</summary>
    public static InMemoryTensorSource InMemory(string name, Func<string, string?>? rename = null)
    {
        using var weights = ModelWeights.Open(Folder(name));
        var tensors = new List<KeyValuePair<string, torch.Tensor>>();
        foreach (var tensorName in weights.Names)
        {
            if ((rename ?? (n => n))(tensorName) is { } newName)
            {
                tensors.Add(new(newName, weights.Load(tensorName)));
            }
        }

        var source = new InMemoryTensorSource(tensors);
        foreach (var (_, tensor) in tensors)
        {
            tensor.Dispose();
        }

        return source;
    }

    /// <summary>The same source with some tensors replaced or added.</summary>
    public static InMemoryTensorSource With(ITensorSource source, params (string Name, torch.Tensor Tensor)[] changes)
    {
        var replaced = changes.ToDictionary(c => c.Name, c => c.Tensor);
        var kept = source.Names.Where(n => !replaced.ContainsKey(n)).Select(n => new KeyValuePair<string, torch.Tensor>(n, source.Load(n))).ToList();
        var result = new InMemoryTensorSource(kept.Concat(replaced));
        foreach (var (_, tensor) in kept)
        {
            tensor.Dispose();
        }

        return result;
    }
}
