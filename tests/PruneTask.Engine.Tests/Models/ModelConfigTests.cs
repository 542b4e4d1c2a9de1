using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class ModelConfigTests
{
    [Fact]
    public void Parse_reads_grouped_query_attention_from_a_llama_config()
    {
        var config = FixtureModels.Config("tiny-llama-gqa");

        Assert.Equal("LlamaForCausalLM", config.Architecture);
        Assert.Equal((64, 2, 4, 2, 16, 160, 128), (config.HiddenSize, config.NumLayers, config.NumHeads, config.NumKeyValueHeads, config.HeadDim, config.IntermediateSize, config.VocabSize));
        Assert.False(config.TieWordEmbeddings);
    }

    [Fact]
    public void Parse_defaults_key_value_heads_and_head_dim_and_reads_opt_names()
    {
        var llama = ModelConfig.Parse(
            """{"architectures": ["MistralForCausalLM"], "hidden_size": 96, "num_hidden_layers": 1, "num_attention_heads": 6, "intermediate_size": 8, "vocab_size": 10}""");
        var opt = FixtureModels.Config("tiny-opt");

        Assert.Equal((6, 16), (llama.NumKeyValueHeads, llama.HeadDim));
        Assert.Equal((4, 4, 16, 256), (opt.NumHeads, opt.NumKeyValueHeads, opt.HeadDim, opt.IntermediateSize));
        Assert.True(opt.TieWordEmbeddings);
    }

    [Fact]
    public void Parse_rejects_a_config_without_architectures_and_heads_that_do_not_group()
    {
        Assert.Contains("'architectures'", Assert.Throws<InvalidModelException>(() => ModelConfig.Parse("""{"model_type": "llama"}""")).Message);
        var error = Assert.Throws<InvalidModelException>(() => ModelConfig.Parse(
            """{"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 3, "intermediate_size": 8, "vocab_size": 10}"""));
        Assert.Contains("multiple of num_key_value_heads (3)", error.Message);
    }

    [Fact]
    public void Load_names_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "config.json");

        Assert.Contains(path, Assert.Throws<InvalidModelException>(() => ModelConfig.Load(path)).Message);
    }
}
