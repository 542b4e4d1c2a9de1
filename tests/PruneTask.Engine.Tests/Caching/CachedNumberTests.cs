using PruneTask.Engine.Caching;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Tests.Caching;

public sealed class CachedNumberTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-number-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_finite_result_is_a_numerical_failure_and_is_not_cached(double value)
    {
        var cache = new ContentCache(_root);
        var key = new CacheKeyBuilder("evaluate", "test").Build();

        var failure = Assert.Throws<PruneRunException>(() => CachedNumber.GetOrCompute(cache, key, "pruned perplexity", () => value));

        Assert.Equal(RunErrorCodes.NumericalFailure, failure.Code);
        Assert.Contains("pruned perplexity", failure.Message, StringComparison.Ordinal);
        Assert.False(cache.TryGet(key, out _));
        Assert.Equal((2.5, false), CachedNumber.GetOrCompute(cache, key, "pruned perplexity", () => 2.5));
    }
}
