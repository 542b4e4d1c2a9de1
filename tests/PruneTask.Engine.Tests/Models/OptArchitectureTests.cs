using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class OptArchitectureTests
{
    private static readonly IArchitecture Opt = Architectures.Find("OPTForCausalLM");

    [Fact]
    public void DescribeLinears_lists_attention_and_fc1_fc2_with_biases_and_producer_consumer_roles()
    {
        var config = FixtureModels.Config("tiny-opt-postln-proj");
        using var weights = ModelWeights.Open(FixtureModels.Folder("tiny-opt-postln-proj"));

        var specs = Opt.DescribeLinears(config, weights).Where(s => s.Block == 0).ToArray();

        Assert.Equal(
            ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj", "fc1", "fc2"],
            specs.Select(s => s.Name["model.decoder.layers.0.".Length..]));
        Assert.Equal([LinearRole.Query, LinearRole.Key, LinearRole.Value, LinearRole.Output, LinearRole.Up, LinearRole.Down], specs.Select(s => s.Role));
        Assert.Equal([(256L, 64L), (64L, 256L)], specs[4..].Select(s => (s.OutFeatures, s.InFeatures)));
        Assert.All(specs, s => Assert.True(s.HasBias));
        Assert.All(specs[..3], s => Assert.Equal("model.decoder.layers.0.self_attn.q_proj", s.InputKey));
    }

    [Fact]
    public void A_checkpoint_saved_from_the_bare_decoder_is_read_under_the_decoder_prefix()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = FixtureModels.Reference("tiny-opt");
        using var weights = FixtureModels.InMemory("tiny-opt", name => name["model.".Length..]);
        using var model = ModelLoader.Create(FixtureModels.Config("tiny-opt"), weights);

        Assert.Equal("decoder.layers.1.fc2", model.Linears[^1].Spec.Name);
        TensorAssert.Close(reference.Load("logits"), model.Forward(reference.Load("input_ids")), 1e-4);
    }

    [Fact]
    public void Missing_projections_and_too_long_inputs_are_reported()
    {
        using var scope = torch.NewDisposeScope();
        var config = FixtureModels.Config("tiny-opt-postln-proj");
        using var withoutProjection = FixtureModels.InMemory("tiny-opt-postln-proj", name => name.Contains("project_in", StringComparison.Ordinal) ? null : name);
        using var weights = FixtureModels.InMemory("tiny-opt-postln-proj");
        using var model = ModelLoader.Create(config, weights);

        Assert.Contains("project_in.weight", Assert.Throws<InvalidModelException>(() => ModelLoader.Create(config, withoutProjection)).Message);
        Assert.Contains("at most 64 tokens", Assert.Throws<ArgumentException>(() => model.Embed(torch.zeros(1, 65, dtype: torch.int64))).Message);
    }
}
