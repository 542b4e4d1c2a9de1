using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class Phi3ArchitectureTests
{
    private const string Fixture = "tiny-phi3";

    private static string FixturePath => RepositoryPaths.Fixture("models", Fixture);

    [Fact]
    public void Load_matches_the_reference_hidden_states_and_logits()
    {
        using var model = ModelLoader.Load(FixturePath);

        ReferenceOutputs.AssertMatch(Fixture, model, "input_ids");
    }

    [Fact]
    public void The_fused_projections_are_one_linear_each_with_their_parts_in_checkpoint_row_order()
    {
        var linears = ModelLoader.Inspect(FixturePath).Linears;

        Assert.Equal(8, linears.Count);
        var qkv = linears[0];
        Assert.Equal("model.layers.0.self_attn.qkv_proj", qkv.Name);
        Assert.Equal(LinearRole.Query | LinearRole.Key | LinearRole.Value, qkv.Role);
        Assert.Equal(
            [new LinearPart(LinearRole.Query, 0, 64), new LinearPart(LinearRole.Key, 64, 32), new LinearPart(LinearRole.Value, 96, 32)],
            qkv.Parts);
        var gateUp = linears[2];
        Assert.Equal("model.layers.0.mlp.gate_up_proj", gateUp.Name);
        Assert.Equal(LinearRole.Gate | LinearRole.Up, gateUp.Role);
        Assert.Equal([new LinearPart(LinearRole.Gate, 0, 160), new LinearPart(LinearRole.Up, 160, 160)], gateUp.Parts);
        Assert.All(linears, l => Assert.Equal(l.Name, l.InputKey));
        Assert.All(linears, l => Assert.False(l.HasBias));
        Assert.Equal([LinearRole.Output, LinearRole.Down], new[] { linears[1].Role, linears[3].Role });
    }

    [Fact]
    public void A_sliding_window_covering_the_sequence_changes_nothing_and_a_shorter_one_changes_the_logits()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", Fixture, "reference.safetensors"));
        var ids = reference.Load("input_ids");

        var wide = LogitsWith("\"sliding_window\": 12,", ids);
        var narrow = LogitsWith("\"sliding_window\": 3,", ids);

        ReferenceOutputs.AssertClose(reference.Load("logits"), wide, "sliding_window 12");
        Assert.True((narrow - wide).abs().max().item<float>() > 1e-3, "a 3-token window did not change the logits");
        ReferenceOutputs.AssertClose(wide.narrow(1, 0, 3), narrow.narrow(1, 0, 3), "the first 3 positions");
    }

    [Theory]
    [InlineData("\"partial_rotary_factor\": 0.75,", "partial_rotary_factor")]
    [InlineData("\"rope_scaling\": {\"type\": \"longrope\", \"short_factor\": [1.0], \"long_factor\": [1.0]},", "longrope")]
    public void Settings_that_are_not_implemented_are_rejected_by_name(string setting, string name)
    {
        var error = Assert.Throws<UnsupportedModelException>(() => ModelConfig.Parse(ConfigJsonWith(setting)));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    private static torch.Tensor LogitsWith(string setting, torch.Tensor ids)
    {
        using var weights = ModelWeights.Open(FixturePath);
        using var model = ModelLoader.Create(ModelConfig.Parse(ConfigJsonWith(setting)), weights);
        return model.Forward(ids);
    }

    /// <summary>The fixture's config.json with <paramref name="setting"/> inserted first (a later duplicate key would win).</summary>
    private static string ConfigJsonWith(string setting)
    {
        var json = File.ReadAllText(RepositoryPaths.Fixture("models", Fixture, "config.json"))
            .Replace("\"rope_scaling\": null,", "", StringComparison.Ordinal)
            .Replace("\"partial_rotary_factor\": 1.0,", "", StringComparison.Ordinal);
        return "{" + setting + json.TrimStart()[1..];
    }
}
