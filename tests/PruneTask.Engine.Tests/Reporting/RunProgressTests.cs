using PruneTask.Engine.Reporting;
using PruneTask.Engine.Tests.Stages;

namespace PruneTask.Engine.Tests.Reporting;

/// <summary>The progress events of a run over the two-block fixture: layers within each block, blocks, then both perplexity passes.</summary>
public sealed class RunProgressTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void A_run_reports_each_layer_then_its_block_then_every_step_of_the_dense_and_pruned_evaluation()
    {
        var events = new Recorder();

        _workspace.Run(_workspace.Recipe("""
            defaults:
              method: wanda
              sparsity: 0.5
            evaluate:
              dataset: tokens.bin
              sequence_length: 32
              samples: 4
            """), progress: events);

        string[] layers = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"];
        string[] expected =
        [
            "Block 0/2",
            .. layers.Select((l, i) => $"Layer {i + 1}/7 model.layers.0.{l}"),
            "Block 1/2",
            .. layers.Select((l, i) => $"Layer {i + 1}/7 model.layers.1.{l}"),
            "Block 2/2",
            "Evaluation 1/3 dense", "Evaluation 2/3 dense", "Evaluation 3/3 dense",
            "Evaluation 1/3 pruned", "Evaluation 2/3 pruned", "Evaluation 3/3 pruned",
        ];
        Assert.Equal(expected, events.Lines);
    }

    [Fact]
    public void Only_finished_block_events_measure_the_elapsed_time()
    {
        var events = new Recorder();

        _workspace.Run(_workspace.Recipe("""
            defaults:
              method: magnitude
              sparsity: 0.5
            """, calibrated: false), progress: events);

        Assert.Equal(["Block 0/2", "Block 1/2", "Block 2/2"], events.Events.Where(e => e.Kind == ProgressKind.Block).Select(Recorder.Line));
        Assert.All(events.Events.Where(e => e is { Kind: ProgressKind.Block, Completed: > 0 }), e => Assert.True(e.Elapsed > TimeSpan.Zero));
        Assert.All(events.Events.Where(e => e is not { Kind: ProgressKind.Block, Completed: > 0 }), e => Assert.Equal(TimeSpan.Zero, e.Elapsed));
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Records events as they come (Progress&lt;T&gt; would post them to a synchronization context).</summary>
    private sealed class Recorder : IProgress<RunProgress>
    {
        public List<RunProgress> Events { get; } = [];

        public IEnumerable<string> Lines => Events.Select(Line);

        public static string Line(RunProgress e) => $"{e.Kind} {e.Completed}/{e.Total}{(e.Name is null ? "" : " " + e.Name)}";

        public void Report(RunProgress value) => Events.Add(value);
    }
}
