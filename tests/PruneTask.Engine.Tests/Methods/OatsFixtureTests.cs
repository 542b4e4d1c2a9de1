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

    private const int DeadColumn = 109;

    [Theory]
    [MemberData(nameof(MethodFixtures.Cases), MemberType = typeof(MethodFixtures))]
    public void Dense_result_sparse_part_and_mask_match_the_reference(string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = MethodFixtures.Open(File);
        using var result = Run(suffix);
        var part = result.Parts[0];
        var finite = FiniteColumns(reference.Load("W_hat" + suffix));

        AssertClose(reference.Load("W_hat" + suffix), result.Weight, finite);
        AssertClose(reference.Load("S" + suffix), part.Sparse, finite);
        Assert.True(MethodFixtures.SameMask(MethodFixtures.Mask(reference, "mask_S" + suffix), part.Sparse));
    }

    [Theory]
    [MemberData(nameof(MethodFixtures.Cases), MemberType = typeof(MethodFixtures))]
    public void Low_rank_factors_match_the_reference_up_to_sign(string suffix)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = MethodFixtures.Open(File);
        using var result = Run(suffix);
        var part = result.Parts[0];
        var u = reference.Load("U" + suffix);
        var v = reference.Load("V" + suffix);
        var finite = FiniteColumns(v);

        AssertClose(u.matmul(v.nan_to_num()), part.U.matmul(part.V), finite);
        var signs = (u * part.U).sum(dim: 0).sign();
        Assert.True((part.U * signs).allclose(u, rtol: 0, atol: 1e-3 * u.abs().max().ToDouble()));
        var ourV = (part.V * signs.unsqueeze(1)).index_select(1, finite);
        var theirV = v.index_select(1, finite);
        Assert.True(ourV.allclose(theirV, rtol: 0, atol: 1e-3 * theirV.abs().max().ToDouble()));
    }

    [Fact]
    public void Dead_column_is_zero_instead_of_the_reference_nan()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = MethodFixtures.Open(File);
        using var result = Run("_dead");

        Assert.Equal(0, reference.Load("W_hat_dead").select(1, DeadColumn).isfinite().count_nonzero().ToInt64());
        Assert.Equal(0, result.Weight.select(1, DeadColumn).count_nonzero().ToInt64());
        Assert.Equal(0, result.Parts[0].V.select(1, DeadColumn).count_nonzero().ToInt64());
    }

    private static OatsResult Run(string suffix)
    {
        using var weight = MethodFixtures.Input("W");
        using var statistics = MethodFixtures.Statistics(suffix);
        var result = Oats.Decompose(weight, statistics.SquaredNorms, statistics.Sequences, OatsOptions.Default(0.5) with { RankRatio = 0.25, Iterations = 20 });
        Assert.Equal(new OatsBudget(5, 48), result.Parts[0].Budget);
        return result;
    }

    /// <summary>Indices of the columns with no NaN or infinity (all but the dead column in the dead case).</summary>
    private static torch.Tensor FiniteColumns(torch.Tensor reference) => reference.isfinite().all(0).nonzero().flatten();

    private static void AssertClose(torch.Tensor expected, torch.Tensor actual, torch.Tensor columns)
    {
        var difference = MethodFixtures.MaxAbsoluteDifference(expected.index_select(1, columns), actual.index_select(1, columns));
        Assert.True(difference <= 1e-4, $"max |difference| {difference:E2} > 1e-4");
    }
}
