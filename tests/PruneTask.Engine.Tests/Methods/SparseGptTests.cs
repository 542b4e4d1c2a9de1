using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class SparseGptTests
{
    private const long Sequences = 4;

    [Fact]
    public void The_loss_equals_half_the_trace_of_the_damped_hessian_quadratic_form()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 20, deadColumn: 7);
        using var pruned = SparseGpt.Prune(weight, statistics, 0.6, SparseGptSettings.Default with { BlockSize = 32 });

        var hessian = statistics.Gram!.mul(2.0 / Sequences);
        hessian.diagonal().masked_fill_(hessian.diagonal().eq(0), 1.0);
        hessian.diagonal().add_(0.01 * hessian.diagonal().mean().item<double>());
        var delta = weight.to_type(torch.float64) - pruned.Weight.to_type(torch.float64);
        delta.select(1, 7).zero_();
        var expected = 0.5 * delta.matmul(hessian).mul(delta).sum().item<double>();

        Assert.NotNull(pruned.Loss);
        Assert.Equal(1, pruned.Loss!.Value / expected, 3);
    }

    [Fact]
    public void Each_block_flags_floor_s_n_plus_one_weights_and_zero_sparsity_flags_none()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 21);
        var settings = SparseGptSettings.Default with { BlockSize = 32 };
        using var pruned = SparseGpt.Prune(weight, statistics, 0.5, settings);
        using var untouched = SparseGpt.Prune(weight, statistics, 0, settings);

        for (var block = 0; block < 4; block++)
        {
            Assert.Equal((long)Math.Floor(0.5 * 48 * 32) + 1, pruned.Weight.narrow(1, block * 32, 32).eq(0).sum().item<long>());
        }

        Assert.True(SyntheticLayer.BitIdentical(weight, untouched.Weight));
        Assert.Equal(0, untouched.Loss);
    }

    [Fact]
    public void N_of_m_zeroes_m_minus_n_of_every_group_and_dead_columns_stay_zero()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 22, deadColumn: 50);
        using var pruned = SparseGpt.Prune(weight, statistics, new NmPattern(2, 4));

        Assert.All(SyntheticLayer.ZerosPerGroup(pruned.Weight, 4), zeros => Assert.Equal(2, zeros));
        Assert.True(pruned.Weight.select(1, 50).eq(0).all().item<bool>());
    }

    [Fact]
    public void A_column_major_weight_gives_the_same_result_and_is_left_as_it_was()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 23, deadColumn: 9);
        var columnMajor = weight.T.contiguous().T;
        var before = columnMajor.clone();

        using var fromRows = SparseGpt.Prune(weight, statistics, 0.5);
        using var fromColumns = SparseGpt.Prune(columnMajor, statistics, 0.5);

        Assert.True(SyntheticLayer.BitIdentical(fromRows.Weight, fromColumns.Weight));
        Assert.True(SyntheticLayer.BitIdentical(before, columnMajor), "the caller's weight is not modified");
    }

    [Fact]
    public void Rescaling_the_gram_by_a_power_of_two_changes_only_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 23);
        var x = SyntheticLayer.Activations(23, 512, 128, 5, 90);
        using var scaled = SyntheticLayer.Statistics(x, Sequences, gramScale: 4);
        using var pruned = SparseGpt.Prune(weight, statistics, 0.5);
        using var fromScaled = SparseGpt.Prune(weight, scaled, 0.5);

        Assert.True(SyntheticLayer.BitIdentical(pruned.Weight, fromScaled.Weight));
        Assert.Equal(4, fromScaled.Loss!.Value / pruned.Loss!.Value, 4);
    }

    [Fact]
    public void A_failed_factorization_raises_the_damping_and_says_so()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.tensor(new float[] { 1, -2, 3, 0.5f }, 2, 2);
        var gram = torch.tensor(new double[] { 1, 1.05, 1.05, 1 }, 2, 2).mul(Sequences / 2.0);
        using var statistics = new LayerStatistics(gram.diagonal().clone(), gram, 8, Sequences);
        using var pruned = SparseGpt.Prune(weight, statistics, 0.3);

        var warning = Assert.Single(pruned.Warnings);
        Assert.Contains("used damping 0.1", warning);
    }

    [Fact]
    public void The_method_reads_blocksize_and_damping_and_leaves_the_input_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 24);
        var original = weight.clone();
        var method = new SparseGpt();
        var options = MethodOptions.Defaults(SparseGpt.MethodName).With(OptionNames.BlockSize, 64L).With(OptionNames.Damping, 0.05);
        using var viaRequest = method.Prune(new LayerPruneRequest(weight, statistics, new PruneTarget.Sparsity(0.5), options));
        using var direct = SparseGpt.Prune(weight, statistics, 0.5, new SparseGptSettings(64, 0.05));

        Assert.Equal(StatisticsNeed.Gram, method.Needs);
        Assert.True(SyntheticLayer.BitIdentical(direct.Weight, viaRequest.Weight));
        Assert.True(SyntheticLayer.BitIdentical(original, weight));
        Assert.Throws<ArgumentException>(() => SparseGpt.Prune(weight, statistics, new NmPattern(2, 4), SparseGptSettings.Default with { BlockSize = 30 }));
        Assert.Throws<InvalidOperationException>(() => SparseGpt.Prune(weight, new LayerStatistics(statistics.SquaredNorms, null, 512, Sequences), 0.5));
    }

    [Fact]
    public void A_hessian_that_no_damping_makes_factorizable_is_a_numerical_failure()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 25);
        using var overflowing = new LayerStatistics(statistics.SquaredNorms.mul(1e60), statistics.Gram!.mul(1e60), statistics.Tokens, Sequences);

        var failure = Assert.Throws<NumericalFailureException>(() => SparseGpt.Prune(weight, overflowing, 0.5));

        Assert.Contains("could not be factorized", failure.Message, StringComparison.Ordinal);
    }

    private static (torch.Tensor Weight, LayerStatistics Statistics) Layer(ulong seed, long? deadColumn = null)
    {
        var x = SyntheticLayer.Activations(seed, 512, 128, 5, 90);
        if (deadColumn is { } column)
        {
            x.select(1, column).zero_();
        }

        return (SyntheticLayer.Weight(seed, 48, 128), SyntheticLayer.Statistics(x, Sequences));
    }
}
