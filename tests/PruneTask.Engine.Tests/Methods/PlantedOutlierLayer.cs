using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// A layer whose weight has structure for a low-rank part to find: W = 0.1·(A·B + N) with A·B of small rank and N
/// Gaussian noise, fed by <see cref="SyntheticLayer"/>'s correlated activations with four outlier channels.
/// </summary>
internal sealed class PlantedOutlierLayer : IDisposable
{
    public const long Sequences = 4;

    private PlantedOutlierLayer(torch.Tensor activations, torch.Tensor weight, LayerStatistics statistics)
    {
        Activations = activations;
        Weight = weight;
        Statistics = statistics;
    }

    /// <summary>X [tokens, in], float32.</summary>
    public torch.Tensor Activations { get; }

    /// <summary>W [out, in], float32.</summary>
    public torch.Tensor Weight { get; }

    /// <summary>XᵀX (float64), its diagonal, and <see cref="Sequences"/> sequences.</summary>
    public LayerStatistics Statistics { get; }

    public torch.Tensor Gram => Statistics.Gram!;

    public torch.Tensor SquaredNorms => Statistics.SquaredNorms;

    public static PlantedOutlierLayer Create(ulong seed, int tokens = 512, int inFeatures = 128, int outFeatures = 64, int signalRank = 4)
    {
        var activations = SyntheticLayer.Activations(seed, tokens, inFeatures, 5, inFeatures / 3, inFeatures / 2, inFeatures - 7);
        return new PlantedOutlierLayer(
            activations,
            LowRankPlusNoise(seed + 1000, outFeatures, inFeatures, signalRank),
            SyntheticLayer.Statistics(activations, Sequences));
    }

    /// <summary>‖X(W − Ŵ)ᵀ‖²_F in float64.</summary>
    public double ReconstructionError(torch.Tensor pruned) => SyntheticLayer.ReconstructionError(Activations, Weight, pruned);

    public void Dispose()
    {
        Activations.Dispose();
        Weight.Dispose();
        Statistics.Dispose();
    }

    private static torch.Tensor LowRankPlusNoise(ulong seed, int rows, int columns, int rank)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(seed);
        var signal = torch.randn(rows, rank, generator: random).matmul(torch.randn(rank, columns, generator: random));
        using var scale = 0.1.ToScalar();
        return signal.add_(torch.randn(rows, columns, generator: random), RootedScalars.One).mul_(scale).MoveToOuterDisposeScope();
    }
}
