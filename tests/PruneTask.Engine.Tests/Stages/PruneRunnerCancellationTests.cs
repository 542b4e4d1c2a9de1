using PruneTask.Engine.Planning;
using PruneTask.Engine.Stages;
using PruneTask.Recipes;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace PruneTask.Engine.Tests.Stages;

public sealed class PruneRunnerCancellationTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private PrunePlan Plan() =>
        PrunePlan.Build(RecipeLoader.Load(_workspace.Recipe("defaults:\n  method: sparsegpt\n  sparsity: 0.5")).Recipe!, strict: false);

    [Fact]
    public void A_cancelled_run_stops_keeps_finished_entries_and_writes_no_output()
    {
        // Cancel as soon as the first block is done: the second block must not start.
        using var cancellation = new CancellationTokenSource();
        var log = new LoggerConfiguration().WriteTo.Sink(new CancelOnFirstBlock(cancellation)).CreateLogger();

        Assert.ThrowsAny<OperationCanceledException>(() => new PruneRunner(new RunOptions(), log, cancellation.Token).Run(Plan()));

        Assert.False(Directory.Exists(_workspace.Output));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_workspace.Root), p => Path.GetFileName(p).StartsWith(".out.", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_workspace.Cache, ".tmp")));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(_workspace.Cache, "statistics")).SelectMany(Directory.EnumerateDirectories));
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_writes_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new PruneRunner(new RunOptions(), Logger.None, cancellation.Token).Run(Plan()));
        Assert.False(Directory.Exists(_workspace.Output));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Cache, "layer")));
    }

    private sealed class CancelOnFirstBlock(CancellationTokenSource source) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text.StartsWith("block ", StringComparison.Ordinal))
            {
                source.Cancel();
            }
        }
    }
}
