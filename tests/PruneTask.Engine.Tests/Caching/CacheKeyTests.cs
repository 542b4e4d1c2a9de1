using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public class CacheKeyTests
{
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData("statistics")]
    [InlineData("pruned-layer")]
    [InlineData("eval2")]
    public void Accepts_lowercase_kinds(string kind)
    {
        Assert.Equal($"{kind}/{Hash}", new CacheKey(kind, Hash).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".tmp")]
    [InlineData("-x")]
    [InlineData("Stats")]
    [InlineData("a/b")]
    public void Rejects_kinds_that_are_not_safe_folder_names(string kind)
    {
        Assert.Throws<ArgumentException>(() => new CacheKey(kind, Hash));
    }

    [Fact]
    public void Rejects_a_hash_that_is_not_a_sha256()
    {
        Assert.Throws<ArgumentException>(() => new CacheKey("stats", "abc"));
    }

    [Fact]
    public void Keys_with_the_same_kind_and_hash_are_equal()
    {
        Assert.Equal(new CacheKey("stats", Hash), new CacheKey("stats", Hash));
        Assert.NotEqual(new CacheKey("stats", Hash), new CacheKey("pruned", Hash));
    }
}
