using PruneTask.Recipes.Matching;

namespace PruneTask.Recipes.Tests.Matching;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("model.layers.*.mlp.down_proj", "model.layers.3.mlp.down_proj", true)]
    [InlineData("model.layers.*.mlp.down_proj", "model.layers.3.mlp.up_proj", false)]
    [InlineData("model.layers.[0-3].*", "model.layers.3.self_attn.q_proj", true)]
    [InlineData("model.layers.[0-3].*", "model.layers.13.self_attn.q_proj", false)]
    [InlineData("model.layers.[0-3].*", "model.layers.31.self_attn.q_proj", false)]
    [InlineData("model.layers.[0,2,5-7].mlp.*", "model.layers.6.mlp.up_proj", true)]
    [InlineData("model.layers.[0,2,5-7].mlp.*", "model.layers.4.mlp.up_proj", false)]
    [InlineData("model.layers.[10-31].*", "model.layers.12.fc1", true)]
    [InlineData("layers.[1].x", "layers.11.x", false)]
    [InlineData("*.{q,k,v}_proj", "model.layers.0.self_attn.k_proj", true)]
    [InlineData("*.{q,k,v}_proj", "model.layers.0.self_attn.o_proj", false)]
    [InlineData("model.decoder.layers.?.fc?", "model.decoder.layers.1.fc2", true)]
    [InlineData("*.mlp", "model.layers.0.mlp.down_proj", false)]
    [InlineData("*", "anything.at.all", true)]
    public void Globs_match_whole_names(string glob, string name, bool expected)
    {
        Assert.True(GlobPattern.TryParse(glob, out var pattern, out _));

        Assert.Equal(expected, pattern!.IsMatch(name));
    }

    [Theory]
    [InlineData("model.layers.[0-3.*", "not closed")]
    [InlineData("model.layers.[3-1].*", "not a valid group")]
    [InlineData("model.layers.[a].*", "not a valid group")]
    [InlineData("*.{q}_proj", "not a valid group")]
    [InlineData("*.{q,*}_proj", "not a valid group")]
    [InlineData("model.layers.0]", "closes nothing")]
    public void Malformed_globs_say_what_is_wrong(string glob, string problem)
    {
        Assert.False(GlobPattern.TryParse(glob, out _, out var error));

        Assert.Contains(problem, error, StringComparison.Ordinal);
    }
}
