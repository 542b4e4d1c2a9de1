using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Tests.Model;

public sealed class LayerMatcherTests
{
    private static readonly SourcePosition _at = new("recipe.prune.yaml", 3, 12);

    [Fact]
    public void A_catastrophic_backtracking_regex_is_matched_in_linear_time_without_throwing()
    {
        var matcher = LayerMatcher.TryCreate("regex", "(a+)+b", _at, out var error);

        Assert.Null(error);
        Assert.False(matcher!.IsMatch(new string('a', 5_000) + "c"));
        Assert.True(matcher.IsMatch(new string('a', 5_000) + "b"));
    }

    [Theory]
    [InlineData(@"(?=model)model\..*")]
    [InlineData(@"(m)\1odel")]
    [InlineData(@"(?>model).*")]
    public void A_construct_that_needs_backtracking_is_refused_with_a_reason(string pattern)
    {
        Assert.Null(LayerMatcher.TryCreate("regex", pattern, _at, out var error));

        Assert.Contains("not supported", error, StringComparison.Ordinal);
    }
}
