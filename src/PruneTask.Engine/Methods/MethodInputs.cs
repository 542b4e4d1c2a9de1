using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>Checks shared by every method's inputs, and the statistic-derived quantities several methods read.</summary>
internal static class MethodInputs
{
    public static void CheckWeight(torch.Tensor weight)
    {
        if (weight.dim() != 2 || weight.dtype != torch.float32)
        {
            throw new ArgumentException($"A layer weight must be a float32 [out, in] matrix, not {weight.dtype} [{string.Join(", ", weight.shape)}].", nameof(weight));
        }
    }

    public static void CheckStatistics(torch.Tensor weight, LayerStatistics statistics)
    {
        CheckWeight(weight);
        if (statistics.InputFeatures != weight.shape[1])
        {
            throw new ArgumentException($"The statistics describe {statistics.InputFeatures} input features, but the weight has {weight.shape[1]}.", nameof(statistics));
        }

        if (statistics.Sequences <= 0)
        {
            throw new ArgumentException("The statistics were gathered from no calibration sequences.", nameof(statistics));
        }
    }

    /// <summary>Inputs that calibration never saw nonzero (G_jj = 0), as a bool [d_in] vector.</summary>
    public static torch.Tensor DeadInputs(torch.Tensor squaredNorms) => squaredNorms.eq(0);

    /// <summary>Wanda's activation norm a_j = sqrt(G_jj / n_seq), float32 [d_in] (docs/methods.md §1).</summary>
    public static torch.Tensor ColumnNorms(torch.Tensor squaredNorms, long sequences)
    {
        using var scope = torch.NewDisposeScope();
        return squaredNorms.to_type(torch.float64).div(sequences).sqrt().to_type(torch.float32).MoveToOuterDisposeScope();
    }

    /// <summary>Wanda's score |W_ij| · a_j, float32 [out, in].</summary>
    public static torch.Tensor WandaScores(torch.Tensor weight, torch.Tensor squaredNorms, long sequences)
    {
        using var scope = torch.NewDisposeScope();
        return weight.abs().mul(ColumnNorms(squaredNorms, sequences).unsqueeze(0)).MoveToOuterDisposeScope();
    }
}
