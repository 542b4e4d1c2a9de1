using PruneTask.Engine.Reporting;
using TorchSharp;
using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>
/// One key, one content: results depend on libtorch's thread count, so every computed stage key names it. The same
/// count gives the same bytes and keys; another count gives other keys, so a cache filled at one count never serves
/// a run at another.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public sealed class ThreadCountTests : IDisposable
{
    private const string SparseGptWithEvaluation = """
        defaults:
          method: sparsegpt
          sparsity: 0.5
        evaluate:
          dataset: tokens.bin
          sequence_length: 32
          samples: 4
        """;

    private readonly int _threads = torch.get_num_threads();
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        _workspace.Dispose();
    }

    [Fact]
    public void The_same_thread_count_twice_gives_identical_bytes_and_keys_and_another_count_other_keys()
    {
        var recipe = _workspace.Recipe(SparseGptWithEvaluation);
        var locks = new Dictionary<int, LockFile>();
        foreach (var threads in new[] { 1, 2, 4 })
        {
            torch.set_num_threads(threads);
            var first = _workspace.Run(recipe, output: $"out-{threads}-a", cache: $"cache-{threads}-a");
            var second = _workspace.Run(recipe, output: $"out-{threads}-b", cache: $"cache-{threads}-b");

            Assert.All(second.Report.Layers, l => Assert.Equal("miss", l.Cache));
            Assert.Equal(Bytes($"out-{threads}-a", "model.safetensors"), Bytes($"out-{threads}-b", "model.safetensors"));
            Assert.Equal(Bytes($"out-{threads}-a", LockFile.FileName), Bytes($"out-{threads}-b", LockFile.FileName));
            Assert.Equal(threads, first.Lock.Environment!.Threads);
            locks[threads] = first.Lock;
        }

        Assert.Single(locks.Values.Select(l => l.ModelFingerprint).Distinct());
        Assert.All(locks.Values, l => Assert.Equal(locks[1].DataFingerprints, l.DataFingerprints));
        foreach (var stage in locks[1].StageKeys.Keys)
        {
            Assert.Equal(3, locks.Values.Select(l => l.StageKeys[stage]).Distinct().Count());
        }
    }

    [Fact]
    public void A_cache_filled_at_one_thread_is_not_used_by_a_run_at_two()
    {
        var recipe = _workspace.Recipe(SparseGptWithEvaluation);
        torch.set_num_threads(1);
        _workspace.Run(recipe);

        torch.set_num_threads(2);
        var atTwo = _workspace.Run(recipe);
        torch.set_num_threads(1);
        var atOneAgain = _workspace.Run(recipe);

        Assert.All(atTwo.Report.Layers, l => Assert.Equal("miss", l.Cache));
        Assert.Equal(0, atTwo.Report.Totals.StatisticsHits);
        Assert.Equal("miss", atTwo.Report.Evaluation!.Cache);
        Assert.All(atOneAgain.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.Equal("hit", atOneAgain.Report.Evaluation!.Cache);
    }

    private byte[] Bytes(string folder, string file) => File.ReadAllBytes(Path.Combine(_workspace.Root, folder, file));
}
