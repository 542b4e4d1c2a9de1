using PruneTask.Engine.Models;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Stages;

public sealed class PruneRunnerTests : IDisposable
{
    private const string Magnitude = """
        defaults:
          method: magnitude
          sparsity: 0.5
        """;

    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void A_first_run_computes_everything_and_the_output_loads_back_with_the_expected_zeros()
    {
        var result = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda));

        Assert.Equal(14, result.Report.Layers.Count);
        Assert.All(result.Report.Layers, l => Assert.Equal("miss", l.Cache));
        Assert.Equal(2, result.Report.Totals.StatisticsMisses);
        using var model = ModelLoader.Load(_workspace.Output);
        foreach (var linear in model.Linears)
        {
            using var weight = linear.ReadWeight();
            var zerosPerRow = weight.eq(0).sum(1);
            Assert.True(zerosPerRow.eq(linear.Spec.InFeatures / 2).all().item<bool>(), linear.Spec.Name);
        }
    }

    [Fact]
    public void A_second_identical_run_computes_nothing_and_writes_identical_model_and_lock_files()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var model = _workspace.OutputBytes("model.safetensors");
        var lockFile = _workspace.OutputBytes(LockFile.FileName);

        var second = _workspace.Run(recipe);

        Assert.All(second.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.Equal(2, second.Report.Totals.StatisticsHits);
        Assert.Equal(0, second.Report.Totals.StatisticsMisses);
        Assert.Equal(model, _workspace.OutputBytes("model.safetensors"));
        Assert.Equal(lockFile, _workspace.OutputBytes(LockFile.FileName));
    }

    [Fact]
    public void The_lock_files_model_fingerprint_pins_the_model_when_copied_into_the_recipe()
    {
        var recipe = _workspace.Recipe(Magnitude, calibrated: false);
        var fingerprint = _workspace.Run(recipe).Lock.ModelFingerprint;
        File.WriteAllText(recipe, File.ReadAllText(recipe).Replace("model:\n", $"model:\n  fingerprint: {fingerprint}\n", StringComparison.Ordinal));

        Assert.Contains($"fingerprint: {fingerprint}", File.ReadAllText(recipe), StringComparison.Ordinal);

        var pinned = _workspace.Run(recipe);

        Assert.Matches("^sha256:[0-9a-f]{64}$", fingerprint);
        Assert.Equal(fingerprint, pinned.Lock.ModelFingerprint);
    }

    [Fact]
    public void Changing_the_rule_of_the_last_blocks_layers_recomputes_only_that_block()
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda));

        var changed = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda + """

            layers:
              - match: model.layers.1.*
                sparsity: 0.6
            """));

        Assert.All(changed.Report.Layers.Where(l => l.Block == 0), l => Assert.Equal("hit", l.Cache));
        Assert.All(changed.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("miss", l.Cache));
        Assert.Equal(2, changed.Report.Totals.StatisticsHits);
    }

    [Fact]
    public void Changing_an_earlier_block_recomputes_the_statistics_of_the_blocks_after_it_in_pruned_propagation()
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda));

        var changed = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda + """

            layers:
              - match: model.layers.0.mlp.down_proj
                sparsity: 0.6
            """));

        Assert.Equal("miss", changed.Report.Layers.Single(l => l.Name == "model.layers.0.mlp.down_proj").Cache);
        Assert.Equal(new[] { "hit", "miss" }, changed.Report.Blocks.Select(b => b.StatisticsCache));
        Assert.All(changed.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("miss", l.Cache));
    }

    [Fact]
    public void Dense_propagation_keeps_later_blocks_independent_of_earlier_pruning()
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda, propagation: "dense"));

        var changed = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda + """

            layers:
              - match: model.layers.0.*
                sparsity: 0.7
            """, propagation: "dense"));

        Assert.All(changed.Report.Layers.Where(l => l.Block == 0), l => Assert.Equal("miss", l.Cache));
        Assert.All(changed.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("hit", l.Cache));
        Assert.All(changed.Report.Blocks, b => Assert.Equal("hit", b.StatisticsCache));
    }

    [Fact]
    public void Changing_only_the_evaluation_or_the_output_prunes_nothing_again()
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda));

        var evaluated = _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda + """

            evaluate:
              dataset: tokens.bin
              sequence_length: 32
              samples: 4
            """));

        Assert.All(evaluated.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.NotNull(evaluated.Report.Evaluation);
        Assert.True(evaluated.Report.Evaluation!.Pruned > evaluated.Report.Evaluation.Dense * 0.5);
    }

    [Fact]
    public void A_run_stopped_midway_reuses_every_layer_finished_before_the_stop()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        // What a kill during block 1 leaves behind: every entry written before it (writes are atomic), none after.
        foreach (var entry in Directory.GetDirectories(Path.Combine(_workspace.Cache, "layer"), "*", SearchOption.AllDirectories)
                     .Where(d => File.Exists(Path.Combine(d, "manifest.json")) && File.ReadAllText(Path.Combine(d, "manifest.json")).Contains("model.layers.1.", StringComparison.Ordinal)))
        {
            Directory.Delete(entry, recursive: true);
        }

        Directory.Delete(_workspace.Output, recursive: true);

        var resumed = _workspace.Run(recipe);

        Assert.All(resumed.Report.Layers.Where(l => l.Block == 0), l => Assert.Equal("hit", l.Cache));
        Assert.All(resumed.Report.Layers.Where(l => l.Block == 1), l => Assert.Equal("miss", l.Cache));
    }

    [Fact]
    public void A_magnitude_recipe_without_calibration_runs_and_prunes_every_layer()
    {
        var recipe = _workspace.Recipe(Magnitude, calibrated: false);

        var result = _workspace.Run(recipe);

        Assert.Equal(14, result.Report.Layers.Count);
        Assert.Equal(0, result.Report.Totals.StatisticsMisses);
    }

    public void Dispose() => _workspace.Dispose();
}
