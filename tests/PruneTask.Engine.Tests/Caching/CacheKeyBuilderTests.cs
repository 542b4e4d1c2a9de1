using System.Reflection;
using System.Text;
using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public class CacheKeyBuilderTests
{
    private static CacheKeyBuilder Builder(string kind = "statistics") => new(kind, "1.2.3");

    [Fact]
    public void Canonical_text_is_length_prefixed_and_sorted_by_name()
    {
        var text = Builder()
            .Add("zeta", true)
            .Add("alpha", "é")
            .Add("count", 42L)
            .Add("ratio", 0.1)
            .CanonicalText();

        Assert.Equal(
            "prunetask-cache-key 1\n"
            + "kind 10 statistics\n"
            + "tool 5 1.2.3\n"
            + "part 5 alpha s 2 é\n"
            + "part 5 count i 2 42\n"
            + "part 5 ratio f 3 0.1\n"
            + "part 4 zeta b 4 true\n",
            text);
    }

    [Fact]
    public void Key_is_the_sha256_of_the_canonical_text()
    {
        var builder = Builder().Add("method", "wanda");
        var key = builder.Build();

        Assert.Equal("statistics", key.Kind);
        Assert.Equal(ContentHash.Of(Encoding.UTF8.GetBytes(builder.CanonicalText())), key.Hash);
    }

    [Fact]
    public void Insertion_order_does_not_change_the_key()
    {
        var a = Builder().Add("method", "wanda").Add("sparsity", 0.5).Add("layer", 3L).Build();
        var b = Builder().Add("layer", 3L).Add("sparsity", 0.5).Add("method", "wanda").Build();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Every_part_of_the_description_changes_the_key()
    {
        var baseline = Builder().Add("method", "wanda").Add("sparsity", 0.5).Build();

        Assert.NotEqual(baseline, Builder().Add("method", "sparsegpt").Add("sparsity", 0.5).Build());
        Assert.NotEqual(baseline, Builder().Add("method", "wanda").Add("sparsity", 0.5000000000000001).Build());
        Assert.NotEqual(baseline.Hash, Builder("pruned").Add("method", "wanda").Add("sparsity", 0.5).Build().Hash);
        Assert.NotEqual(baseline, new CacheKeyBuilder("statistics", "1.2.4").Add("method", "wanda").Add("sparsity", 0.5).Build());
        Assert.NotEqual(baseline, Builder().Add("method", "wanda").Add("sparsity", 0.5).Add("seed", 0L).Build());
    }

    [Fact]
    public void The_value_type_is_part_of_the_key()
    {
        Assert.NotEqual(Builder().Add("n", "1").Build(), Builder().Add("n", 1L).Build());
        Assert.NotEqual(Builder().Add("n", 1L).Build(), Builder().Add("n", 1.0).Build());
    }

    [Fact]
    public void Names_and_values_cannot_run_into_each_other()
    {
        var a = Builder().Add("a", "b s 1 c").Build();
        var b = Builder().Add("a s 1 b", "c").Build();
        var c = Builder().Add("a", "x\npart 1 b s 1 y").Build();
        var d = Builder().Add("a", "x").Add("b", "y").Build();

        Assert.NotEqual(a, b);
        Assert.NotEqual(c, d);
    }

    [Fact]
    public void Upstream_keys_and_hashes_are_parts()
    {
        var upstream = Builder("pruned").Add("layer", 0L).Build();
        var other = Builder("pruned").Add("layer", 1L).Build();
        var weights = ContentHash.Of([1, 2, 3]);

        var withUpstream = Builder().Add("previous", upstream).AddHash("weights", weights).Build();

        Assert.NotEqual(withUpstream, Builder().Add("previous", other).AddHash("weights", weights).Build());
        Assert.Equal(withUpstream, Builder().Add("previous", upstream).AddBytes("weights", [1, 2, 3]).Build());
        Assert.Contains($"k {upstream.ToString().Length} {upstream}", Builder().Add("previous", upstream).CanonicalText());
    }

    [Fact]
    public void A_name_added_twice_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Builder().Add("x", 1L).Add("x", 2L));
    }

    [Fact]
    public void A_malformed_hash_part_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Builder().AddHash("weights", "not-a-hash"));
    }

    [Fact]
    public void The_default_tool_version_is_the_engine_informational_version()
    {
        var informational = typeof(ContentCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational, ToolVersion.Current);
        Assert.Contains($"tool {informational.Length} {informational}\n", new CacheKeyBuilder("x").CanonicalText());
    }
}
