using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class LlamaArchitectureTests
{
    private static readonly IArchitecture Llama = Architectures.Find("LlamaForCausalLM");

    [Fact]
    public void DescribeLinears_lists_q_k_v_o_gate_up_down_per_block_with_roles_shapes_and_shared_inputs()
    {
        var config = FixtureModels.Config("tiny-llama-gqa");
        using var weights = ModelWeights.Open(FixtureModels.Folder("tiny-llama-gqa"));

        var specs = Llama.DescribeLinears(config, weights);

        Assert.Equal(14, specs.Count);
        var block1 = specs.Where(s => s.Block == 1).ToArray();
        Assert.Equal(
            ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"],
            block1.Select(s => s.Name["model.layers.1.".Length..]));
        Assert.Equal(
            [LinearRole.Query, LinearRole.Key, LinearRole.Value, LinearRole.Output, LinearRole.Gate, LinearRole.Up, LinearRole.Down],
            block1.Select(s => s.Role));
        Assert.Equal([(64L, 64L), (32, 64), (32, 64), (64, 64), (160, 64), (160, 64), (64, 160)], block1.Select(s => (s.OutFeatures, s.InFeatures)));
        Assert.Equal(4, block1.Select(s => s.InputKey).Distinct().Count());
        Assert.Equal("model.layers.1.self_attn.q_proj", block1[2].InputKey);
        Assert.Equal("model.layers.1.mlp.gate_proj", block1[5].InputKey);
        Assert.All(specs, s => Assert.False(s.HasBias));
        Assert.Equal("model.layers.1.mlp.down_proj.weight", block1[6].WeightName);
    }

    [Fact]
    public void Biases_come_from_the_weights_when_the_config_does_not_ask_for_them()
    {
        var config = FixtureModels.Config("tiny-qwen2-bf16");
        using var weights = ModelWeights.Open(FixtureModels.Folder("tiny-qwen2-bf16"));

        var specs = Llama.DescribeLinears(config, weights).Where(s => s.Block == 0).ToArray();

        Assert.Equal([true, true, true, false, false, false, false], specs.Select(s => s.HasBias));
        Assert.All(specs, s => Assert.Equal(TensorDtype.BF16, s.StoredDtype));
    }

    [Fact]
    public void A_bias_the_config_asks_for_must_be_in_the_weights()
    {
        var config = FixtureModels.Config("tiny-llama-gqa") with
        {
            Json = ConfigJson.Parse(File.ReadAllText(Path.Combine(FixtureModels.Folder("tiny-llama-gqa"), "config.json")).Replace("\"attention_bias\": false", "\"attention_bias\": true")),
        };
        using var weights = ModelWeights.Open(FixtureModels.Folder("tiny-llama-gqa"));

        var error = Assert.Throws<InvalidModelException>(() => Llama.DescribeLinears(config, weights));

        Assert.Equal("Tensor 'model.layers.0.self_attn.q_proj.bias' is missing from the weights.", error.Message);
    }

    [Fact]
    public void A_checkpoint_saved_from_the_bare_model_keeps_its_own_names_and_computes_the_same()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = FixtureModels.Reference("tiny-llama-gqa");
        using var weights = FixtureModels.InMemory("tiny-llama-gqa", name => name.StartsWith("model.", StringComparison.Ordinal) ? name["model.".Length..] : name);
        using var model = ModelLoader.Create(FixtureModels.Config("tiny-llama-gqa"), weights);

        Assert.Equal("layers.0.self_attn.q_proj", model.Linears[0].Spec.Name);
        TensorAssert.Close(reference.Load("logits"), model.Forward(reference.Load("input_ids")), 1e-4);
    }

    [Theory]
    [InlineData("\"architectures\": [\"MistralForCausalLM\"], \"sliding_window\": 2", 2)]
    [InlineData("\"architectures\": [\"LlamaForCausalLM\"], \"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 32}", 1)]
    public void Sliding_windows_and_rope_scaling_change_only_later_positions(string setting, int unchangedPositions)
    {
        using var scope = torch.NewDisposeScope();
        var configText = File.ReadAllText(Path.Combine(FixtureModels.Folder("tiny-llama-gqa"), "config.json"));
        var changed = ModelConfig.Parse(configText.Replace("\"architectures\": [\n    \"LlamaForCausalLM\"\n  ]", setting));
        using var weights = FixtureModels.InMemory("tiny-llama-gqa");
        using var plain = ModelLoader.Create(FixtureModels.Config("tiny-llama-gqa"), weights);
        using var variant = ModelLoader.Create(changed, weights);
        var ids = torch.tensor(new long[] { 0, 1, 2, 3, 4, 5 }).unsqueeze(0);

        var (expected, actual) = (plain.Forward(ids), variant.Forward(ids));

        TensorAssert.Close(expected[.., ..unchangedPositions], actual[.., ..unchangedPositions], 1e-6);
        Assert.True((expected[.., unchangedPositions..] - actual[.., unchangedPositions..]).abs().max().item<float>() > 1e-3);
    }

    [Fact]
    public void An_activation_other_than_silu_is_unsupported()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => ModelConfig.Parse(
            """{"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4, "intermediate_size": 8, "vocab_size": 10, "hidden_act": "gelu"}"""));

        Assert.Contains("hidden_act 'gelu'", error.Message);
    }
}
