using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// Parity with the OATS reference code (oats_c50_r025_it20.safetensors): compression 0.5, rank_ratio 0.25, 20 iterations.
/// In the dead case the reference divides by zero in column 109; our rule zeros that column, so only finite columns are compared.
/// </summary>
public class OatsFixtureTests
{
    private const string File = "oats_c50_r025_it20.safetensors";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dense_result_sparse_part_and_mask_match_the_reference(bool dead)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = ReferenceLayerFixture.Open(File);
        using var result = Run(dead);
        var part = result.Parts[0];
        var finite = reference.Load(ReferenceLayerFixture.Name("W_hat", dead)).isfinite().all(0);

        AssertClose(reference.Load(ReferenceLayerFixture.Name("W_hat", dead)), result.Weight, finite);
        AssertClose(reference.Load(ReferenceLayerFixture.Name("S", dead)), part.Sparse, finite);
        var expectedMask = reference.Load(ReferenceLayerFixture.Name("mask_S", dead)).to(torch.@bool);
        Assert.True(part.Sparse.eq(0).eq(expectedMask).all().ToBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Low_rank_factors_match_the_reference_up_to_sign(bool dead)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = ReferenceLayerFixture.Open(File);
        using var result = Run(dead);
        var part = result.Parts[0];
        var u = reference.Load(ReferenceLayerFixture.Name("U", dead));
        var v = reference.Load(ReferenceLayerFixture.Name("V", dead));
        var finite = v.isfinite().all(0);

        AssertClose(u.matmul(v.nan_to_num()), part.U.matmul(part.V), finite);
        var signs = (u * part.U).sum(dim: 0).sign();
        Assert.True((part.U * signs).allclose(u, rtol: 0, atol: 1e-3 * u.abs().max().ToDouble()));
        var ourV = (part.V * signs.unsqueeze(1)).index_select(1, finite.nonzero().flatten());
        var theirV = v.index_select(1, finite.nonzero().flatten());
        Assert.True(ourV.allclose(theirV, rtol: 0, atol: 1e-3 * theirV.abs().max().ToDouble()));
    }

    [Fact]
    public void Dead_column_is_zero_instead_of_the_reference_nan()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = ReferenceLayerFixture.Open(File);
        using var result = Run(dead: true);
        var column = ReferenceLayerFixture.DeadColumn;

        Assert.True(reference.Load("W_hat_dead").select(1, column).isfinite().logical_not().all().ToBoolean());
        Assert.True(result.Weight.select(1, column).eq(0).all().ToBoolean());
        Assert.True(result.Parts[0].V.select(1, column).eq(0).all().ToBoolean());
    }

    private static OatsResult Run(bool dead)
    {
        var weight = ReferenceLayerFixture.Weight();
        var norms = ReferenceLayerFixture.SquaredNorms(ReferenceLayerFixture.Activations(dead));
        var result = Oats.Decompose(weight, norms, ReferenceLayerFixture.Sequences, new OatsOptions(0.5, 0.25, 20));
        Assert.Equal(new OatsBudget(5, 48), result.Parts[0].Budget);
        return result;
    }

    private static void AssertClose(torch.Tensor expected, torch.Tensor actual, torch.Tensor finiteColumns)
    {
        var columns = finiteColumns.nonzero().flatten();
        var difference = (expected.index_select(1, columns) - actual.index_select(1, columns)).abs().max().ToDouble();
        Assert.True(difference <= 1e-4, $"max |difference| {difference:E2} > 1e-4");
    }
}
