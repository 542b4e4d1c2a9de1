using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class MagnitudeTests
{
    [Fact]
    public void Layer_scope_zeroes_exactly_the_smallest_magnitudes_of_the_whole_layer()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(1, 32, 64);
        using var pruned = Magnitude.Prune(weight, 0.3);

        var zeroed = pruned.Weight.eq(0);
        Assert.Equal((long)Math.Floor(0.3 * 32 * 64), zeroed.sum().item<long>());
        var largestPruned = weight.abs().masked_select(zeroed).max().item<float>();
        var smallestKept = weight.abs().masked_select(zeroed.logical_not()).min().item<float>();
        Assert.True(largestPruned <= smallestKept);
        Assert.NotEqual(SyntheticLayer.ZerosPerRow(pruned.Weight).Min(), SyntheticLayer.ZerosPerRow(pruned.Weight).Max());
    }

    [Fact]
    public void Row_scope_zeroes_the_same_count_in_every_row_and_copies_kept_weights()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(2, 16, 40);
        using var pruned = Magnitude.Prune(weight, 0.5, MagnitudeScope.Row);

        Assert.All(SyntheticLayer.ZerosPerRow(pruned.Weight), zeros => Assert.Equal(20, zeros));
        var kept = pruned.Weight.ne(0);
        Assert.True(SyntheticLayer.BitIdentical(weight.masked_select(kept), pruned.Weight.masked_select(kept)));
    }

    [Fact]
    public void N_of_m_keeps_the_n_largest_of_every_group()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(3, 8, 32);
        using var pruned = Magnitude.Prune(weight, new NmPattern(2, 4));

        Assert.All(SyntheticLayer.ZerosPerGroup(pruned.Weight, 4), zeros => Assert.Equal(2, zeros));
        var groups = weight.abs().reshape(8, 8, 4);
        var expectedKept = groups.topk(2, dim: 2).values.sum();
        Assert.Equal(expectedKept.item<float>(), pruned.Weight.abs().sum().item<float>(), 4);
    }

    [Fact]
    public void Zero_sparsity_is_the_identity_and_the_input_is_not_mutated()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(4, 8, 16);
        var original = weight.clone();
        using var identity = Magnitude.Prune(weight, 0);
        using var pruned = Magnitude.Prune(weight, 0.75);

        Assert.True(SyntheticLayer.BitIdentical(original, identity.Weight));
        Assert.True(SyntheticLayer.BitIdentical(original, weight));
    }

    [Fact]
    public void The_method_reads_its_scope_option_and_rejects_a_keep_target()
    {
        using var scope = torch.NewDisposeScope();
        var weight = SyntheticLayer.Weight(5, 8, 16);
        var method = new Magnitude();
        var byRow = MethodOptions.Defaults(Magnitude.MethodName).With(OptionNames.Scope, "row");
        using var pruned = method.Prune(new LayerPruneRequest(weight, null, new PruneTarget.Sparsity(0.5), byRow));

        Assert.Equal(StatisticsNeed.None, method.Needs);
        Assert.Equal(MagnitudeScope.Layer, Magnitude.DefaultScope);
        Assert.All(SyntheticLayer.ZerosPerRow(pruned.Weight), zeros => Assert.Equal(8, zeros));
        var error = Assert.Throws<ArgumentException>(() => method.Prune(new LayerPruneRequest(weight, null, new PruneTarget.Keep(0.5), byRow)));
        Assert.Equal("magnitude takes a sparsity or pattern target, not keep.", error.Message);
    }

    [Fact]
    public void Weights_that_are_not_float32_matrices_are_rejected()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => Magnitude.Prune(torch.ones(4, 4, dtype: torch.float64), 0.5));
        Assert.Throws<ArgumentException>(() => Magnitude.Prune(torch.ones(16), 0.5));
    }
}
