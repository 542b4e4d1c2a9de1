using PruneTask.Recipes.Model;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class LayerRuleReaderTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rules_keep_their_index_matcher_and_fields()
    {
        var rules = Rules("""
              - match: "*.q_proj"
                skip: true
              - regex: '.*\.(k|v)_proj'
                sparsity: 0.3
                allocation: {strategy: owl, lambda: 0.1}
            """).Recipe!.Layers;

        Assert.Equal(("match", "*.q_proj", true), (rules[0].Matcher.Key, rules[0].Matcher.Text, rules[0].Skip!.Value));
        Assert.True(rules[1].Matcher.IsMatch("model.layers.0.self_attn.v_proj"));
        Assert.Equal("layers[1]", rules[1].Label);
        Assert.Equal(new AllocationSettings(AllocationStrategy.Owl, 5, 0.1, 0, 0.99), rules[1].Allocation!.Value);
        Assert.Equal(0.3, rules[1].Settings.Target!.Value.Fraction);
    }

    [Theory]
    [InlineData("  - {match: '*', regex: '.*'}", "PRN025@6:18")]
    [InlineData("  - {sparsity: 0.5}", "PRN011@6:5")]
    [InlineData("  - {match: 'layers.[9-2].*'}", "PRN026@6:13")]
    [InlineData("  - {regex: '('}", "PRN026@6:13")]
    [InlineData("  - {match: '*', skip: true, sparsity: 0.5}", "PRN024@6:18")]
    [InlineData("  - {match: '*', skip: true, allocation: {strategy: owl}}", "PRN024@6:18")]
    [InlineData("  - {match: '*', method: osscar, keep: 0.5, allocation: {strategy: owl}}", "PRN027@6:45")]
    [InlineData("  - just a string", "PRN012@6:5")]
    [InlineData("  - {match: 3}", "PRN012@6:13")]
    public void Rule_mistakes_are_reported_where_they_are_written(string rule, string expected) =>
        DiagnosticAssert.Errors(Rules(rule).Diagnostics, expected);

    private RecipeLoadResult Rules(string rules) => _folder.Load($"""
        version: 1
        model: {"{"}path: model{"}"}
        calibration: {"{"}dataset: calib.txt{"}"}
        defaults: {"{"}method: wanda, sparsity: 0.5{"}"}
        layers:
        {rules}
        """);
}
