using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class CheckpointTensorsTests
{
    [Fact]
    public void A_wrong_shape_is_reported_with_both_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var config = FixtureModels.Config("tiny-llama-gqa");
        using var original = FixtureModels.InMemory("tiny-llama-gqa");
        using var weights = FixtureModels.With(original, ("model.layers.1.mlp.up_proj.weight", torch.zeros(150, 64)));

        var error = Assert.Throws<InvalidModelException>(() => ModelLoader.Create(config, weights));

        Assert.Equal("Tensor 'model.layers.1.mlp.up_proj.weight' has shape [150, 64] but config.json implies [160, 64].", error.Message);
    }

    [Fact]
    public void Quantized_weights_are_unsupported_and_a_missing_norm_is_invalid()
    {
        using var scope = torch.NewDisposeScope();
        var config = FixtureModels.Config("tiny-llama-gqa");
        using var original = FixtureModels.InMemory("tiny-llama-gqa");
        using var quantized = FixtureModels.With(original, ("model.layers.0.self_attn.q_proj.weight", torch.zeros(64, 64, dtype: torch.int8)));
        using var withoutNorm = FixtureModels.InMemory("tiny-llama-gqa", name => name == "model.norm.weight" ? null : name);

        Assert.Contains("stored as I8", Assert.Throws<UnsupportedModelException>(() => ModelLoader.Create(config, quantized)).Message);
        Assert.Contains("'model.norm.weight' is missing", Assert.Throws<InvalidModelException>(() => ModelLoader.Create(config, withoutNorm)).Message);
    }

    [Fact]
    public void Weights_without_the_expected_embedding_name_under_any_prefix_are_invalid()
    {
        using var weights = new InMemoryTensorSource([new("wte.weight", torch.zeros(2, 2))]);

        var error = Assert.Throws<InvalidModelException>(() => Architectures.Find("LlamaForCausalLM").DescribeLinears(FixtureModels.Config("tiny-llama-gqa"), weights));

        Assert.Equal("Tensor 'model.embed_tokens.weight' is missing from the weights (also looked for 'embed_tokens.weight').", error.Message);
    }
}
