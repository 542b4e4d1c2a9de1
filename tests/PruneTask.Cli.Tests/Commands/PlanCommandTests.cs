using System.Globalization;
using System.Text.Json;
using PruneTask.Recipes.Methods;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class PlanCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-plan-").FullName;
    private readonly string _recipe;

    public PlanCommandTests()
    {
        var random = new Random(3);
        File.WriteAllBytes(Path.Combine(_root, "tokens.bin"), Enumerable.Range(0, 2048).SelectMany(_ => BitConverter.GetBytes((long)random.Next(128))).ToArray());
        _recipe = Path.Combine(_root, "plan.prune.yaml");
        File.WriteAllText(_recipe, $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", "tiny-llama-gqa")}
            calibration:
              dataset: tokens.bin
              samples: 4
              sequence_length: 32
            defaults:
              method: wanda
              sparsity: 0.5
            layers:
              - match: "model.layers.*.mlp.down_proj"
                method: sparsegpt
                pattern: "2:4"
              - match: "model.layers.0.self_attn.q_proj"
                skip: true
            output:
              path: out
            cache:
              path: cache
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Plan_lists_every_prunable_layer_with_its_resolved_method_and_target()
    {
        var layers = PlanJson().GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);

        Assert.Equal(14, layers.Count);
        Assert.Equal(("sparsegpt", "pattern 2:4"), MethodAndTarget(layers["model.layers.1.mlp.down_proj"]));
        Assert.Equal(("wanda", "sparsity 0.5"), MethodAndTarget(layers["model.layers.1.mlp.up_proj"]));
        Assert.Equal(JsonValueKind.Null, layers["model.layers.0.self_attn.q_proj"].GetProperty("method").ValueKind);
        Assert.Contains("0.01", layers["model.layers.1.mlp.down_proj"].GetProperty("options").GetProperty("damping").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_shows_every_option_of_the_layer_method_with_the_declared_default()
    {
        var layers = PlanJson().GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        var sparseGpt = MethodCatalog.Find(MethodNames.SparseGpt)!;

        var shown = layers["model.layers.1.mlp.down_proj"].GetProperty("options").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString());

        Assert.Equal(sparseGpt.Options.ToDictionary(o => o.Name, o => (string?)Convert.ToString(o.Default, CultureInfo.InvariantCulture)), shown);
        Assert.Empty(layers["model.layers.1.mlp.up_proj"].GetProperty("options").EnumerateObject());
    }

    [Fact]
    public void Plan_tells_what_the_cache_holds_after_a_run_and_when_a_change_makes_it_unknown()
    {
        Assert.False(PlanJson().GetProperty("cache").GetProperty("current").GetBoolean());

        var (exitCode, _, error) = Cli.Run("run", _recipe);
        Assert.True(exitCode == ExitCodes.Ok, error);

        var afterRun = PlanJson();
        Assert.True(afterRun.GetProperty("cache").GetProperty("current").GetBoolean());
        var pruned = afterRun.GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("method").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(13, pruned.Count);
        Assert.All(pruned, l => Assert.Equal(("cached", "cached"), (l.GetProperty("statistics").GetString(), l.GetProperty("result").GetString())));

        Directory.Delete(Path.Combine(_root, "cache", "layer"), recursive: true);
        Assert.All(PlanJson().GetProperty("layers").EnumerateArray().Where(l => l.GetProperty("method").ValueKind != JsonValueKind.Null),
            l => Assert.Equal("evicted", l.GetProperty("result").GetString()));

        var (_, changed, _) = Cli.Run("plan", _recipe, "--json", "--set", "defaults.sparsity=0.6");
        var cache = JsonDocument.Parse(changed).RootElement.GetProperty("cache");
        Assert.False(cache.GetProperty("current").GetBoolean());
        Assert.Contains("recipe", cache.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_for_another_thread_count_or_after_an_old_lock_file_says_the_cached_results_are_unknown()
    {
        var (exitCode, _, error) = Cli.Run("run", _recipe, "--threads", "1");
        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.True(PlanJson("--threads", "1").GetProperty("cache").GetProperty("current").GetBoolean());

        var atTwo = PlanJson("--threads", "2").GetProperty("cache");
        Assert.False(atTwo.GetProperty("current").GetBoolean());
        Assert.Contains("another environment (1 threads", atTwo.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2 threads", atTwo.GetProperty("environment").GetString(), StringComparison.Ordinal);

        var lockPath = Path.Combine(_root, "out", "prune.lock.json");
        var lockJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(lockPath))!.AsObject();
        Assert.StartsWith("sha256:", lockJson["model_fingerprint"]!.GetValue<string>(), StringComparison.Ordinal);
        lockJson.Remove("environment");
        lockJson["lock_version"] = 1;
        lockJson["model_fingerprint"] = lockJson["model_fingerprint"]!.GetValue<string>()["sha256:".Length..];
        File.WriteAllText(lockPath, lockJson.ToJsonString());
        var old = PlanJson("--threads", "1").GetProperty("cache");
        Assert.False(old.GetProperty("current").GetBoolean());
        Assert.Contains("(version 1) records no compute environment", old.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_names_each_layer_once_and_a_bad_recipe_exits_1_without_a_table()
    {
        var (exitCode, output, error) = Cli.Run("plan", _recipe);

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Contains("not run yet", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.Contains("model.layers.1.mlp.down_proj", StringComparison.Ordinal));

        File.WriteAllText(_recipe, File.ReadAllText(_recipe).Replace("sparsity: 0.5", "sparsity: 1.5", StringComparison.Ordinal));
        var (invalid, invalidOutput, invalidError) = Cli.Run("plan", _recipe);
        Assert.Equal(ExitCodes.Invalid, invalid);
        Assert.Equal("", invalidOutput);
        Assert.Contains("(10,13): error PRN014", invalidError, StringComparison.Ordinal);
    }

    private JsonElement PlanJson(params string[] options)
    {
        var (exitCode, output, error) = Cli.Run(["plan", _recipe, "--json", .. options]);
        Assert.True(exitCode == ExitCodes.Ok, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static (string?, string?) MethodAndTarget(JsonElement layer) =>
        (layer.GetProperty("method").GetString(), layer.GetProperty("target").GetString());
}
