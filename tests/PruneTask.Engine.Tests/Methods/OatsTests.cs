using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

public class OatsTests
{
    private static readonly OatsOptions Half = OatsOptions.Default(0.5) with { RankRatio = 0.25, Iterations = 20 };

    [Fact]
    public void Low_rank_part_has_the_budgeted_rank_and_sparse_rows_the_budgeted_nonzeros()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 1);
        using var result = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half);
        var part = Assert.Single(result.Parts);

        Assert.Equal(new OatsBudget(5, 48), part.Budget);
        Assert.Equal(new long[] { 64, 5 }, part.U.shape);
        Assert.Equal(new long[] { 5, 128 }, part.V.shape);
        using var lowRank = part.U.matmul(part.V);
        Assert.Equal(5, torch.linalg.matrix_rank(lowRank).ToInt64());
        using var perRow = part.Sparse.count_nonzero([1]);
        Assert.All(perRow.data<long>().ToArray(), n => Assert.Equal(48, n));
        Assert.True(part.Budget.Parameters(64, 128) <= (1 - 0.5) * 64 * 128 + 64);
    }

    [Fact]
    public void Objective_never_increases_over_iterations()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 2);
        using var result = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half with { Iterations = 30 });
        var objectives = result.Parts[0].Objectives;

        Assert.Equal(30, objectives.Count);
        for (var i = 1; i < objectives.Count; i++)
        {
            Assert.True(objectives[i] <= objectives[i - 1] * (1 + 1e-5), $"iteration {i}: {objectives[i]} > {objectives[i - 1]}");
        }

        Assert.True(objectives[^1] < objectives[0]);
    }

    [Fact]
    public void Rank_ratio_zero_is_wanda()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 3);
        using var result = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, OatsOptions.Default(0.6) with { RankRatio = 0, Iterations = 3 });
        using var wanda = Wanda.Prune(layer.Weight, layer.Statistics, 0.6);

        Assert.Equal(0, result.Parts[0].Budget.Rank);
        Assert.True(MethodFixtures.SameMask(wanda.Weight.eq(RootedScalars.Zero), result.Weight));
        Assert.True(result.Weight.allclose(wanda.Weight, rtol: 1e-6, atol: 0));
    }

    [Fact]
    public void Rescaling_the_statistics_changes_nothing()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 4);
        using var factor = 7.3.ToScalar();
        using var scaled = layer.SquaredNorms.mul(factor);
        using var a = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half);
        using var b = Oats.Decompose(layer.Weight, scaled, 9, Half);

        Assert.True(a.Weight.eq(RootedScalars.Zero).eq(b.Weight.eq(RootedScalars.Zero)).all().ToBoolean());
        Assert.True(a.Weight.allclose(b.Weight, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Factored_and_dense_forms_agree()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 5);
        using var result = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half);
        using var pruned = result.ToPrunedLayer();
        var x = layer.Activations;

        using var factored = x.matmul(pruned.Sparse!.T).add_(x.matmul(pruned.LowRankV!.T).matmul(pruned.LowRankU!.T), RootedScalars.One);
        using var dense = x.matmul(pruned.Weight.T);
        Assert.True(factored.allclose(dense, rtol: 1e-4, atol: 1e-3));
        Assert.Equal(result.Residual, pruned.Loss);
    }

    [Fact]
    public void Dead_features_get_zero_columns_and_nothing_is_divided_by_zero()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 6);
        using var norms = layer.SquaredNorms.clone().index_fill_(0, torch.tensor(new long[] { 7, 90 }), RootedScalars.Zero);
        using var result = Oats.Decompose(layer.Weight, norms, 4, Half);
        var part = result.Parts[0];

        foreach (var t in new[] { result.Weight, part.V, part.Sparse, part.U })
        {
            Assert.True(t.isfinite().all().ToBoolean());
        }

        foreach (var t in new[] { result.Weight, part.V, part.Sparse })
        {
            Assert.Equal(0, t.index_select(1, torch.tensor(new long[] { 7, 90 })).count_nonzero().ToInt64());
        }
    }

    [Fact]
    public void Pattern_keeps_n_of_every_m_in_the_sparse_part_and_ignores_compression()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 7);
        var options = OatsOptions.Default(0.9, new NmPattern(2, 8)) with { RankRatio = 0.5, Iterations = 10 };
        using var result = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, options);
        var part = result.Parts[0];

        Assert.Equal((int)(0.5 * (0.25 / 0.5) * (64 * 128) / (64 + 128)), part.Budget.Rank);
        using var perGroup = part.Sparse.reshape(64, 16, 8).count_nonzero([2]);
        Assert.All(perGroup.data<long>().ToArray(), n => Assert.Equal(2, n));
    }

    [Fact]
    public void Fused_parts_are_decomposed_separately_with_their_own_rank()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 8);
        long[] rows = [32, 16, 16];
        using var fused = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half, rows);
        using var last = Oats.Decompose(layer.Weight.narrow(0, 48, 16), layer.SquaredNorms, 4, Half);

        Assert.Equal(new[] { 3, 1, 1 }, fused.Parts.Select(p => p.Budget.Rank));
        Assert.True(fused.Weight.narrow(0, 48, 16).allclose(last.Weight, rtol: 0, atol: 1e-6));
        using var pruned = fused.ToPrunedLayer();
        Assert.Equal(new long[] { 64, 5 }, pruned.LowRankU!.shape);
        using var rebuilt = pruned.LowRankU.matmul(pruned.LowRankV!).add_(pruned.Sparse!, RootedScalars.One);
        Assert.True(rebuilt.allclose(pruned.Weight, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Sparse_plus_low_rank_reconstructs_better_than_wanda_at_the_same_budget()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 9);
        using var oats = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half with { Iterations = 40 });
        using var wanda = Wanda.Prune(layer.Weight, layer.Statistics, 0.5);

        Assert.True(oats.Parts[0].Budget.Parameters(64, 128) <= 64 * 64);
        Assert.True(layer.ReconstructionError(oats.Weight) < layer.ReconstructionError(wanda.Weight));
    }

    [Fact]
    public void Randomized_svd_is_deterministic_and_close_to_exact()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 10);
        var randomized = Half with { Svd = OatsSvd.Randomized, Seed = 3 };
        using var exact = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half);
        using var first = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, randomized);
        using var second = Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, randomized);

        Assert.True(first.Weight.eq(second.Weight).all().ToBoolean());
        Assert.True(first.Residual < exact.Residual * 1.05);
    }

    [Fact]
    public void Decompose_leaves_no_tensors_behind()
    {
        using var layer = PlantedOutlierLayer.Create(seed: 11);
        using (Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half with { Iterations = 2 }))
        {
        }

        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (Oats.Decompose(layer.Weight, layer.SquaredNorms, 4, Half with { Iterations = 5 }))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
