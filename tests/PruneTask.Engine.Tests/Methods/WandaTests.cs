using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Tests.Methods;

public class WandaTests
{
    [Fact]
    public void Every_row_loses_exactly_floor_s_times_d_in_and_kept_weights_are_bit_identical()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 10);
        using var pruned = Wanda.Prune(weight, statistics, 0.55);

        Assert.All(SyntheticLayer.ZerosPerRow(pruned.Weight), zeros => Assert.Equal(35, zeros));
        var kept = pruned.Weight.ne(0);
        Assert.True(SyntheticLayer.BitIdentical(weight.masked_select(kept), pruned.Weight.masked_select(kept)));
    }

    [Fact]
    public void N_of_m_flags_m_minus_n_of_every_group()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 11);
        using var pruned = Wanda.Prune(weight, statistics, new NmPattern(3, 8));

        Assert.All(SyntheticLayer.ZerosPerGroup(pruned.Weight, 8), zeros => Assert.Equal(5, zeros));
    }

    [Fact]
    public void The_mask_ignores_a_rescaled_gram_and_rescaled_rows()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 12);
        var x = SyntheticLayer.Activations(12, 256, 64, 3, 40);
        using var scaledStatistics = SyntheticLayer.Statistics(x, 2, gramScale: 7.3);
        var scaledRows = weight.mul(torch.linspace(0.5, 3.1, weight.shape[0]).unsqueeze(1));
        using var pruned = Wanda.Prune(weight, statistics, 0.5);
        using var withScaledGram = Wanda.Prune(weight, scaledStatistics, 0.5);
        using var withScaledRows = Wanda.Prune(scaledRows, statistics, 0.5);

        Assert.True(pruned.Weight.eq(0).eq(withScaledGram.Weight.eq(0)).all().item<bool>());
        Assert.True(pruned.Weight.eq(0).eq(withScaledRows.Weight.eq(0)).all().item<bool>());
    }

    [Fact]
    public void Equal_activation_norms_reduce_to_row_wise_magnitude_pruning()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(13, 24, 64);
        using var statistics = new LayerStatistics(torch.full(64, 64.0, dtype: torch.float64), null, 128, 4);
        using var wanda = Wanda.Prune(weight, statistics, 0.4);
        using var magnitude = Magnitude.Prune(weight, 0.4, MagnitudeScope.Row);

        Assert.True(SyntheticLayer.BitIdentical(magnitude.Weight, wanda.Weight));
    }

    [Fact]
    public void Dead_inputs_are_always_zeroed_and_zero_sparsity_changes_nothing_else()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(14, 16, 32);
        var x = SyntheticLayer.Activations(14, 128, 32);
        x.select(1, 5).zero_();
        using var statistics = SyntheticLayer.Statistics(x, 1);
        using var pruned = Wanda.Prune(weight, statistics, 0.25);
        using var untouched = Wanda.Prune(weight, statistics, 0);

        Assert.True(pruned.Weight.select(1, 5).eq(0).all().item<bool>());
        Assert.All(SyntheticLayer.ZerosPerRow(pruned.Weight), zeros => Assert.Equal(8, zeros));
        Assert.True(untouched.Weight.select(1, 5).eq(0).all().item<bool>());
        Assert.Equal(16, untouched.Weight.eq(0).sum().item<long>());
    }

    [Fact]
    public void The_method_needs_the_diagonal_and_rejects_mismatched_statistics()
    {
        using var scope = torch.NewDisposeScope();
        var (weight, statistics) = Layer(seed: 15);
        var method = new Wanda();
        using var pruned = method.Prune(new LayerPruneRequest(weight, statistics, new PruneTarget.Pattern(new NmPattern(2, 4)), MethodOptions.Defaults(Wanda.MethodName)));

        Assert.Equal(StatisticsNeed.Diagonal, method.Needs);
        Assert.All(SyntheticLayer.ZerosPerGroup(pruned.Weight, 4), zeros => Assert.Equal(2, zeros));
        Assert.Throws<InvalidOperationException>(() => method.Prune(new LayerPruneRequest(weight, null, new PruneTarget.Sparsity(0.5), MethodOptions.Defaults(Wanda.MethodName))));
        Assert.Throws<ArgumentException>(() => Wanda.Prune(weight.narrow(1, 0, 32), statistics, 0.5));
    }

    private static (torch.Tensor Weight, LayerStatistics Statistics) Layer(ulong seed)
    {
        var x = SyntheticLayer.Activations(seed, 256, 64, 3, 40);
        var statistics = SyntheticLayer.Statistics(x, 2);
        x.Dispose();
        return (SyntheticLayer.Weight(seed, 48, 64), statistics);
    }
}
