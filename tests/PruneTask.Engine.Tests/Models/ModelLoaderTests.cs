using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class ModelLoaderTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Fixtures => new()
    {
        "tiny-llama-gqa",
        "tiny-llama-gqa-sharded",
        "tiny-qwen2-bf16",
        "tiny-opt",
        "tiny-opt-postln-proj",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Load_matches_the_reference_hidden_states_and_logits(string fixture)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", fixture, "reference.safetensors"));
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", fixture));

        var hidden = model.Embed(reference.Load("input_ids"));
        AssertClose(reference.Load("hidden_states.0"), hidden, $"{fixture} hidden_states.0");
        foreach (var block in model.Blocks)
        {
            hidden = block.call(hidden);
            AssertClose(reference.Load($"hidden_states.{block.Index + 1}"), hidden, $"{fixture} hidden_states.{block.Index + 1}");
        }

        AssertClose(reference.Load("logits"), model.Head(hidden), $"{fixture} logits");
        AssertClose(reference.Load("logits"), model.Forward(reference.Load("input_ids")), $"{fixture} Forward logits");
    }

    private static void AssertClose(torch.Tensor expected, torch.Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(torch.float32, actual.dtype);
        var error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= Tolerance, $"{what}: max |error| {error:E2} > {Tolerance:E0}");
    }
}
