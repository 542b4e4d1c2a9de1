using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class ArchitecturesTests
{
    [Fact]
    public void The_registry_lists_every_implemented_architecture()
    {
        Assert.Equal([
                "Dinov2Model", "GPT2LMHeadModel", "LlamaForCausalLM", "MistralForCausalLM", "OPTForCausalLM", "Phi3ForCausalLM",
                "Qwen2ForCausalLM", "ViTForImageClassification", "ViTModel",
            ], Architectures.SupportedNames);
        Assert.Contains("OPTForCausalLM", Architectures.Find("OPTForCausalLM").Names);
    }

    [Fact]
    public void An_unknown_architecture_is_named_with_the_supported_ones()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => Architectures.Find("MambaForCausalLM"));

        Assert.Equal(
            "Unsupported architecture 'MambaForCausalLM'. Supported: Dinov2Model, GPT2LMHeadModel, LlamaForCausalLM, MistralForCausalLM, OPTForCausalLM, Phi3ForCausalLM, Qwen2ForCausalLM, ViTForImageClassification, ViTModel.",
            error.Message);
    }
}
