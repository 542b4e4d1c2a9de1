using PruneTask.Engine.Caching;
using PruneTask.Engine.Stages;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>Blocks walked by their cache keys: a cached block needs no activations, and what is computed matches a cold run byte for byte.</summary>
public sealed class ModelPrunerTests : IDisposable
{
    private const string LastBlockChanged = PipelineWorkspace.Wanda + """

        layers:
          - match: model.layers.1.*
            sparsity: 0.6
        """;

    private readonly PipelineWorkspace _workspace = new();

    [Theory]
    [InlineData("pruned")]
    [InlineData("dense")]
    public void A_fully_cached_rerun_runs_no_block_forward_and_writes_identical_outputs(string propagation)
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda, propagation);
        var cold = _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");

        var cached = _workspace.Run(recipe);

        Assert.True(Gflop(cold, Stage.Calibrate) > 0);
        Assert.Equal(0, Gflop(cached, Stage.Calibrate));
        Assert.Equal(0, Gflop(cached, Stage.Propagate));
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));
        Assert.Equal(Numbers(cold), Numbers(cached));
        Assert.All(cached.Report.Layers, l => Assert.NotNull(l.RelativeReconstructionError));
    }

    [Theory]
    [InlineData("pruned")]
    [InlineData("dense")]
    public void A_run_with_only_the_last_block_changed_replays_the_earlier_blocks_and_matches_a_cold_run(string propagation)
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda, propagation));
        var recipe = _workspace.Recipe(LastBlockChanged, propagation);

        var partial = _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");
        var cold = _workspace.Run(recipe, output: "cold", cache: "cold-cache");

        Assert.All(partial.Report.Layers.Where(l => l.Block == 0), l => Assert.Equal("hit", l.Cache));
        Assert.All(partial.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("miss", l.Cache));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_workspace.Root, "cold", "model.safetensors")), model);
        Assert.Equal(Numbers(cold), Numbers(partial));
    }

    [Fact]
    public void Entries_unreadable_when_used_are_recomputed_from_replayed_activations()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        var cold = _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");
        Corrupt(d => d.StartsWith("statistics of block 1", StringComparison.Ordinal) || d.StartsWith("model.layers.1.", StringComparison.Ordinal));

        var rerun = _workspace.Run(recipe);

        Assert.All(rerun.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("miss", l.Cache));
        Assert.True(Gflop(rerun, Stage.Propagate) > 0, "block 0 is replayed to give block 1 its input");
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));
        Assert.Equal(Numbers(cold), Numbers(rerun));
    }

    [Fact]
    public void A_fully_cached_owl_run_runs_no_block_forward()
    {
        var recipe = _workspace.Recipe("""
            defaults:
              method: wanda
              sparsity: 0.6
            allocation:
              strategy: owl
              lambda: 0.08
            """);
        var cold = _workspace.Run(recipe);

        var cached = _workspace.Run(recipe);

        Assert.True(Gflop(cold, Stage.Allocate) > 0);
        Assert.Equal(0, Gflop(cached, Stage.Allocate) + Gflop(cached, Stage.Calibrate) + Gflop(cached, Stage.Propagate));
        Assert.Equal(Numbers(cold), Numbers(cached));
    }

    public void Dispose() => _workspace.Dispose();

    private static double Gflop(RunResult result, string stage) => result.Report.Stages.GetValueOrDefault(stage)?.Gflop ?? 0;

    /// <summary>The report's numbers other than timings and cache outcomes.</summary>
    private static string[] Numbers(RunResult result) =>
        result.Report.Layers.Select(l => $"{l.Name} {l.Target} {l.AchievedSparsity:R} {l.ParametersAfter} {l.RelativeReconstructionError:R}")
            .Concat(result.Report.Blocks.Select(b => $"{b.Block} {b.Target} {b.OutlierRatio:R}"))
            .ToArray();

    /// <summary>Overwrites the files of every cache entry whose description matches, so it fails verification when read.</summary>
    private void Corrupt(Func<string, bool> description)
    {
        var corrupted = 0;
        foreach (var manifestPath in Directory.EnumerateFiles(_workspace.Cache, CacheManifest.FileName, SearchOption.AllDirectories))
        {
            var manifest = CacheManifest.Read(manifestPath);
            if (!description(manifest.Description))
            {
                continue;
            }

            foreach (var file in manifest.Files)
            {
                var path = Path.Combine(Path.GetDirectoryName(manifestPath)!, file.Name);
                File.WriteAllBytes(path, new byte[new FileInfo(path).Length]);
            }

            corrupted++;
        }

        Assert.Equal(8, corrupted);
    }
}
