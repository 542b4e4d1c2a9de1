using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class Gpt2ArchitectureTests
{
    private const string Fixture = "tiny-gpt2";

    [Fact]
    public void Load_matches_the_reference_hidden_states_and_logits()
    {
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", Fixture));

        ReferenceOutputs.AssertMatch(Fixture, model, "input_ids");
    }

    [Fact]
    public void A_checkpoint_saved_from_the_bare_GPT2Model_without_the_transformer_prefix_computes_the_same()
    {
        using var weights = ReferenceOutputs.Renamed(Fixture, name => name.Replace("transformer.", "", StringComparison.Ordinal));
        var config = ModelConfig.Load(RepositoryPaths.Fixture("models", Fixture, "config.json"));
        using var model = ModelLoader.Create(config, weights);

        Assert.Equal("h.0.attn.c_attn", model.Linears[0].Spec.Name);
        ReferenceOutputs.AssertMatch(Fixture, model, "input_ids");
    }

    [Fact]
    public void Every_linear_is_a_Conv1D_stored_in_out_and_c_attn_is_one_fused_query_key_value_linear()
    {
        var summary = ModelLoader.Inspect(RepositoryPaths.Fixture("models", Fixture));

        Assert.Equal(8, summary.Linears.Count);
        Assert.All(summary.Linears, l => Assert.Equal(WeightLayout.InOut, l.StoredLayout));
        Assert.All(summary.Linears, l => Assert.True(l.HasBias));
        var attention = summary.Linears[0];
        Assert.Equal("transformer.h.0.attn.c_attn", attention.Name);
        Assert.Equal(LinearRole.Query | LinearRole.Key | LinearRole.Value, attention.Role);
        Assert.Equal((192L, 64L), (attention.OutFeatures, attention.InFeatures));
        Assert.Equal(
            [new LinearPart(LinearRole.Query, 0, 64), new LinearPart(LinearRole.Key, 64, 64), new LinearPart(LinearRole.Value, 128, 64)],
            attention.Parts);
        Assert.Equal(
            ["attn.c_proj", "mlp.c_fc", "mlp.c_proj"],
            summary.Linears.Skip(1).Take(3).Select(l => l.Name["transformer.h.0.".Length..]));
        Assert.Equal((64L, 256L), (summary.Linears[3].OutFeatures, summary.Linears[3].InFeatures));
    }

    [Fact]
    public void A_config_whose_n_embd_is_not_a_multiple_of_n_head_is_rejected()
    {
        var json = File.ReadAllText(RepositoryPaths.Fixture("models", Fixture, "config.json")).Replace("\"n_head\": 4", "\"n_head\": 5", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidModelException>(() => ModelConfig.Parse(json));
        Assert.Contains("n_head", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaling_by_the_inverse_layer_index_divides_the_attention_scores_of_block_i_by_i_plus_one()
    {
        var plain = ConfigWith("\"scale_attn_weights\": true");
        var scaled = ConfigWith("\"scale_attn_weights\": true, \"scale_attn_by_inverse_layer_idx\": true");
        var unscaled = ConfigWith("\"scale_attn_weights\": false");

        Assert.Equal(1.0 / 4, Gpt2Settings.Read(plain).AttentionScale(16, 1));
        Assert.Equal(1.0 / 4 / 2, Gpt2Settings.Read(scaled).AttentionScale(16, 1));
        Assert.Equal(1.0, Gpt2Settings.Read(unscaled).AttentionScale(16, 3));
    }

    private static ModelConfig ConfigWith(string settings) =>
        ModelConfig.Parse($$"""{"architectures": ["GPT2LMHeadModel"], "n_embd": 64, "n_layer": 1, "n_head": 4, "vocab_size": 8, {{settings}}}""");
}
