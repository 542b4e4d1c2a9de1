using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Stages;

/// <summary>
/// Closed-form floating-point operation counts: the products a run does (linears, attention, statistics) and the
/// methods' solves for a [d_out, d_in] layer, following the cost sections of docs/methods.md. A multiply-add is two
/// operations; elementwise work beside a product (norms, activations, softmax) is not counted. Sorts count n·log2(k)
/// comparisons for n entries sorted in runs of k. The one place run accounting and benchmarks take counts from.
/// </summary>
public static class OperationCounts
{
    /// <summary>x·Wᵀ for <paramref name="rows"/> input rows: 2·rows·d_out·d_in.</summary>
    public static double Linear(long rows, long dOut, long dIn) => 2.0 * rows * dOut * dIn;

    /// <summary>
    /// XᵀX of <paramref name="rows"/> rows of width d as the symmetric rank-k update it is: d(d+1)/2 distinct
    /// entries, each a sum of <paramref name="rows"/> products, so rows·d·(d+1) (half the 2·rows·d² of a GEMM).
    /// </summary>
    public static double Gram(long rows, long d) => (double)rows * d * (d + 1);

    /// <summary>Σx² per column (Wanda's norms): a multiply-add per entry.</summary>
    public static double ColumnSquares(long rows, long d) => 2.0 * rows * d;

    /// <summary>The statistics one input of width d needs, over <paramref name="rows"/> rows.</summary>
    public static double Statistics(StatisticsNeed need, long rows, long d) => need switch
    {
        StatisticsNeed.Gram => Gram(rows, d),
        StatisticsNeed.Diagonal => ColumnSquares(rows, d),
        _ => 0,
    };

    /// <summary>
    /// One block over [sequences, length] tokens: every linear's product, plus attention's QKᵀ and AV products
    /// over the full length×length scores (2·2·sequences·length²·width, width = heads × head size).
    /// </summary>
    public static double BlockForward(IEnumerable<LinearSpec> linears, long sequences, long length, long attentionWidth) =>
        linears.Sum(l => Linear(sequences * length, l.OutFeatures, l.InFeatures)) + (4.0 * sequences * length * length * attentionWidth);

    /// <summary>Every block and the head (hidden → vocabulary logits) over [sequences, length] tokens, as perplexity runs them.</summary>
    public static double ModelForward(PrunableModel model, long sequences, long length) =>
        model.Blocks.Sum(b => BlockForward(b.Linears.Select(l => l.Spec), sequences, length, (long)model.Config.NumHeads * model.Config.HeadDim))
        + Linear(sequences * length, model.Config.VocabSize, model.Config.HiddenSize);

    /// <summary>
    /// A method's solve for one [d_out, d_in] layer (statistics excluded), or 0 for methods without a model here
    /// (OATS, OSSCAR, norm pruning: their cost depends on iterations and data, docs/methods.md).
    /// </summary>
    public static double Solve(string method, long dOut, long dIn, NmPattern? pattern) => method switch
    {
        Magnitude.MethodName => pattern is { } p ? MagnitudeGroups(dOut, dIn, p.M) : MagnitudeLayer(dOut, dIn),
        Wanda.MethodName => pattern is { } p ? WandaGroups(dOut, dIn, p.M) : WandaRows(dOut, dIn),
        Methods.SparseGpt.MethodName => SparseGpt(dOut, dIn, SparseGptSettings.Default.BlockSize),
        _ => 0,
    };

    /// <summary>|W| and one sort over the whole layer.</summary>
    public static double MagnitudeLayer(long dOut, long dIn) => Entries(dOut, dIn) * (1 + Math.Log2(Entries(dOut, dIn)));

    /// <summary>|W| and a sort within every group of m.</summary>
    public static double MagnitudeGroups(long dOut, long dIn, int m) => Entries(dOut, dIn) * (1 + Math.Log2(m));

    /// <summary>|W|·a (two operations an entry) and a sort of every row.</summary>
    public static double WandaRows(long dOut, long dIn) => Entries(dOut, dIn) * (2 + Math.Log2(dIn));

    /// <summary>|W|·a and a sort within every group of m.</summary>
    public static double WandaGroups(long dOut, long dIn, int m) => Entries(dOut, dIn) * (2 + Math.Log2(m));

    /// <summary>
    /// The factor U of H⁻¹ as computed (one Cholesky, d³/3, and a blocked triangular inverse, 2d³/3; the reference's
    /// three factorizations take 4d³/3), the intra-block updates (d_out·d_in·B), the lazy inter-block products
    /// (≈ d_out·d_in²) and about ten elementwise operations an entry for scores and errors.
    /// </summary>
    public static double SparseGpt(long dOut, long dIn, int blockSize)
    {
        double d = dIn;
        return (d * d * d) + (Entries(dOut, dIn) * (blockSize + d + 10));
    }

    /// <summary>XᵀX for n tokens of d features as a symmetric rank-n update: n·d² (half the full product's 2·n·d²).</summary>
    public static double SymmetricGram(long tokens, long features) => (double)tokens * features * features;

    private static double Entries(long dOut, long dIn) => (double)dOut * dIn;
}
