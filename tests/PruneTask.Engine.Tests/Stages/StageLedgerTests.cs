using PruneTask.Engine.Stages;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>
/// The floating-point work report.json counts, against counts derived here by hand for the tiny-llama-gqa fixture:
/// hidden 64, 4 heads of 16 (2 key/value heads), MLP 160, 2 blocks; 8 × 32 calibration tokens, so 256 rows.
/// </summary>
public sealed class StageLedgerTests : IDisposable
{
    private const string SparseGpt = """
        defaults:
          method: sparsegpt
          sparsity: 0.5
        """;

    // Per block, rows × (q 64·64 + k 32·64 + v 32·64 + o 64·64 + gate 160·64 + up 160·64 + down 64·160) = 256 × 43 008
    // multiply-adds, twice that in operations; attention's QKᵀ and AV: 2 × 2 · 8 · 32² · 64.
    private const double BlockForward = (2.0 * 256 * 43_008) + (4.0 * 8 * 32 * 32 * 64);

    // XᵀX as a symmetric rank-k update, rows·d·(d+1), once per distinct input: q/k/v, o, gate/up (d = 64) and down (d = 160).
    private const double BlockStatistics = (3 * 256.0 * 64 * 65) + (256.0 * 160 * 161);

    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void Calibration_counts_one_dense_pass_and_one_gram_per_distinct_input_of_every_block()
    {
        var stages = _workspace.Run(_workspace.Recipe(SparseGpt)).Report.Stages;

        Assert.Equal(33_906_688, BlockForward + BlockStatistics);
        Assert.Equal(Math.Round(2 * (BlockForward + BlockStatistics) / 1e9, 6), stages[Stage.Calibrate].Gflop);
    }

    [Fact]
    public void Propagation_counts_the_pruned_pass_and_the_one_error_product_of_every_pruned_linear()
    {
        var stages = _workspace.Run(_workspace.Recipe(SparseGpt)).Report.Stages;

        // The pruned output is the pass's own; the meter adds X·Wᵀ by the checkpoint's weight (256 rows, 43 008 weights).
        var errorProducts = 2.0 * 256 * 43_008;
        Assert.Equal(Math.Round(2 * (BlockForward + errorProducts) / 1e9, 6), stages[Stage.Propagate].Gflop);
    }

    [Fact]
    public void Sparsegpt_solves_count_one_cubic_factorization_and_the_updates_of_each_layer()
    {
        var stages = _workspace.Run(_workspace.Recipe(SparseGpt)).Report.Stages;

        // d_in³ (one Cholesky and a blocked triangular inverse) + d_out·d_in·(128 + d_in + 10) for q, k, v, o, gate, up
        // (d_in = 64) and down (d_in = 160).
        static double Layer(double dOut, double dIn) => (dIn * dIn * dIn) + (dOut * dIn * (128 + dIn + 10));
        var block = Layer(64, 64) + Layer(32, 64) + Layer(32, 64) + Layer(64, 64) + Layer(160, 64) + Layer(160, 64) + Layer(64, 160);
        Assert.Equal(Math.Round(2 * block / 1e9, 6), stages[Stage.Prune].Gflop);
    }

    [Fact]
    public void A_run_whose_results_are_all_cached_counts_no_calibration_or_solve_and_names_loading_apart()
    {
        var recipe = _workspace.Recipe(SparseGpt);
        _workspace.Run(recipe);

        var stages = _workspace.Run(recipe).Report.Stages;

        Assert.Equal(0, stages.GetValueOrDefault(Stage.Calibrate)?.Gflop ?? 0);
        Assert.Equal(0, stages[Stage.Prune].Gflop);
        Assert.Contains(Stage.Load, stages.Keys);
        Assert.Contains(Stage.Fingerprint, stages.Keys);
    }

    public void Dispose() => _workspace.Dispose();
}
