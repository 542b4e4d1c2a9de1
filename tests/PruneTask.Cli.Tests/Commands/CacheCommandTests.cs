using System.CommandLine;
using System.Text.Json;
using PruneTask.Cli.Commands;
using PruneTask.Engine.Caching;

namespace PruneTask.Cli.Tests.Commands;

public sealed class CacheCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-cli-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int ExitCode, string Output, string Error) Run(params string[] args) => Cli.Run(["cache", .. args, "--cache-dir", _root]);

    private CacheEntry Store(string kind, string description, int size, TimeSpan accessedAgo)
    {
        var key = new CacheKeyBuilder(kind, "test").Add("description", description).Build();
        var entry = new ContentCache(_root).Put(key, description, w => w.WriteBytes("data.bin", new byte[size]));
        Directory.SetLastWriteTimeUtc(entry.Directory, DateTime.UtcNow - accessedAgo);
        return entry;
    }

    [Fact]
    public void List_of_an_empty_cache_says_so()
    {
        var (exitCode, output, _) = Run("list");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("is empty", output);
    }

    [Fact]
    public void List_shows_kind_key_prefix_size_age_and_description()
    {
        var entry = Store("statistics", "layers.0.self_attn.q_proj", 3000, TimeSpan.FromDays(3));

        var (exitCode, output, _) = Run("list");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var line = output.Split('\n').Single(l => l.StartsWith("statistics", StringComparison.Ordinal));
        Assert.Contains(entry.Key.Hash[..12], line);
        Assert.Contains("3d", line);
        Assert.Contains("KiB", line);
        Assert.EndsWith("layers.0.self_attn.q_proj", line.TrimEnd());
        Assert.Contains("1 entries", output);
    }

    [Fact]
    public void List_json_has_full_keys_and_sizes()
    {
        var entry = Store("pruned", "fc1", 100, TimeSpan.Zero);

        var (exitCode, output, _) = Run("list", "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var row = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("pruned", row.GetProperty("kind").GetString());
        Assert.Equal(entry.Key.Hash, row.GetProperty("key").GetString());
        Assert.Equal("fc1", row.GetProperty("description").GetString());
        Assert.Equal(new CacheMaintenance(_root).TotalSize(), row.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public void Size_prints_the_total_in_bytes()
    {
        Store("eval", "perplexity", 5000, TimeSpan.Zero);

        var (exitCode, output, _) = Run("size");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.StartsWith($"{new CacheMaintenance(_root).TotalSize()} bytes (", output);
    }

    [Fact]
    public void Clean_older_than_keeps_recent_entries()
    {
        Store("statistics", "old", 10, TimeSpan.FromDays(9));
        var recent = Store("statistics", "recent", 10, TimeSpan.FromHours(2));

        var (exitCode, output, _) = Run("clean", "--older-than", "7d");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Removed 1 entries", output);
        Assert.Equal([recent.Key], new CacheMaintenance(_root).List().Select(e => e.Key));
    }

    [Fact]
    public void Clean_removes_everything()
    {
        Store("statistics", "a", 10, TimeSpan.Zero);
        Store("pruned", "b", 10, TimeSpan.Zero);

        var (exitCode, output, _) = Run("clean");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Removed 2 entries", output);
        Assert.Empty(new CacheMaintenance(_root).List());
    }

    [Fact]
    public void A_malformed_age_is_a_usage_error()
    {
        Store("statistics", "a", 10, TimeSpan.FromDays(30));

        var (exitCode, _, error) = Run("clean", "--older-than", "week");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("'week' is not an age", error);
        Assert.Single(new CacheMaintenance(_root).List());
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    public void Sizes_read_in_binary_units(long bytes, string expected)
    {
        Assert.Equal(expected, CacheCommand.FormatSize(bytes));
    }
}
