using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

/// <summary>Checks a model against a conformance fixture's reference.safetensors: every block's output and the logits.</summary>
internal static class ReferenceOutputs
{
    public const double Tolerance = 1e-4;

    /// <param name="inputName">"input_ids" for language models, "pixel_values" for vision models.</param>
    public static void AssertMatch(string fixture, PrunableModel model, string inputName)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", fixture, "reference.safetensors"));
        var input = reference.Load(inputName);
        var hidden = model.Embed(input);
        AssertClose(reference.Load("hidden_states.0"), hidden, $"{fixture} hidden_states.0");
        foreach (var block in model.Blocks)
        {
            hidden = block.call(hidden);
            AssertClose(reference.Load($"hidden_states.{block.Index + 1}"), hidden, $"{fixture} hidden_states.{block.Index + 1}");
        }

        AssertClose(reference.Load("logits"), model.Head(hidden), $"{fixture} logits");
        AssertClose(reference.Load("logits"), model.Forward(input), $"{fixture} Forward logits");
    }

    public static void AssertClose(torch.Tensor expected, torch.Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(torch.float32, actual.dtype);
        var error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= Tolerance, $"{what}: max |error| {error:E2} > {Tolerance:E0}");
    }

    /// <summary>The fixture's weights renamed by <paramref name="rename"/>, held in memory (the caller disposes them).</summary>
    public static InMemoryTensorSource Renamed(string fixture, Func<string, string> rename)
    {
        using var file = SafetensorsFile.Open(RepositoryPaths.Fixture("models", fixture, "model.safetensors"));
        var tensors = file.Names.Select(n => KeyValuePair.Create(rename(n), file.Load(n))).ToList();
        var source = new InMemoryTensorSource(tensors);
        tensors.ForEach(t => t.Value.Dispose());
        return source;
    }
}
