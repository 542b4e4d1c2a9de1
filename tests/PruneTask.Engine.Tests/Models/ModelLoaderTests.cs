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

    [Fact]
    public void Load_names_an_unsupported_architecture_and_the_supported_ones()
    {
        var folder = Directory.CreateTempSubdirectory("prunetask-unsupported-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), """{ "architectures": ["MambaForCausalLM"] }""");

            var error = Assert.Throws<UnsupportedModelException>(() => ModelLoader.Load(folder));

            Assert.StartsWith("Unsupported architecture 'MambaForCausalLM'. Supported: Dinov2Model,", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_rejects_a_missing_folder_and_a_folder_without_config()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        Assert.Equal($"{missing} is not a folder.", Assert.Throws<InvalidModelException>(() => ModelLoader.Load(missing)).Message);

        Directory.CreateDirectory(missing);
        try
        {
            Assert.Contains("config.json does not exist", Assert.Throws<InvalidModelException>(() => ModelLoader.Load(missing)).Message);
        }
        finally
        {
            Directory.Delete(missing);
        }
    }

    [Fact]
    public void Only_float32_computation_is_accepted()
    {
        using var weights = FixtureModels.InMemory("tiny-opt");
        var options = new ModelOptions { Dtype = torch.ScalarType.BFloat16 };

        Assert.Throws<NotSupportedException>(() => ModelLoader.Create(FixtureModels.Config("tiny-opt"), weights, options));
    }

    [Fact]
    public void Inspect_summarises_a_sharded_folder()
    {
        var summary = ModelLoader.Inspect(FixtureModels.Folder("tiny-llama-gqa-sharded"));

        Assert.Equal("LlamaForCausalLM", summary.Config.Architecture);
        Assert.Equal(410880 / 4, summary.ParameterCount);
        Assert.Equal([TensorDtype.F32], summary.ParametersByDtype.Keys);
        Assert.Equal("model.layers.1.mlp.down_proj", summary.Linears[^1].Name);
    }

    private static void AssertClose(torch.Tensor expected, torch.Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(torch.float32, actual.dtype);
        var error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= Tolerance, $"{what}: max |error| {error:E2} > {Tolerance:E0}");
    }
}
