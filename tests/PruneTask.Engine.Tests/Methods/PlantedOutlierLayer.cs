using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// A synthetic linear layer in the setting of methods.md §7: correlated activations X = Z·diag(logspace)·Q with a few
/// outlier channels scaled ×20, and a weight W = low-rank signal + noise. Float64 X and Gram, float32 W.
/// </summary>
internal sealed class PlantedOutlierLayer : IDisposable
{
    private PlantedOutlierLayer(torch.Tensor activations, torch.Tensor weight, torch.Tensor gram, torch.Tensor squaredNorms)
    {
        Activations = activations;
        Weight = weight;
        Gram = gram;
        SquaredNorms = squaredNorms;
    }

    /// <summary>X [tokens, in], float64.</summary>
    public torch.Tensor Activations { get; }

    /// <summary>W [out, in], float32.</summary>
    public torch.Tensor Weight { get; }

    /// <summary>XᵀX, float64.</summary>
    public torch.Tensor Gram { get; }

    /// <summary>diag(XᵀX), float64.</summary>
    public torch.Tensor SquaredNorms { get; }

    public static PlantedOutlierLayer Create(long seed, int tokens = 512, int inFeatures = 128, int outFeatures = 64, int signalRank = 4)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator((ulong)seed);
        var z = torch.randn(tokens, inFeatures, dtype: torch.float64, generator: random);
        var spectrum = torch.logspace(0.7, -0.7, inFeatures, dtype: torch.float64);
        var rotation = torch.linalg.qr(torch.randn(inFeatures, inFeatures, dtype: torch.float64, generator: random)).Q;
        var x = (z * spectrum).matmul(rotation);
        var outliers = torch.randperm(inFeatures, generator: random).narrow(0, 0, 4);
        x.index_copy_(1, outliers, x.index_select(1, outliers) * 20);
        var signal = torch.randn(outFeatures, signalRank, dtype: torch.float64, generator: random)
            .matmul(torch.randn(signalRank, inFeatures, dtype: torch.float64, generator: random)) * 0.1;
        var weight = signal + torch.randn(outFeatures, inFeatures, dtype: torch.float64, generator: random) * 0.1;
        return new PlantedOutlierLayer(
            x.MoveToOuterDisposeScope(),
            weight.to(torch.float32).MoveToOuterDisposeScope(),
            x.T.matmul(x).MoveToOuterDisposeScope(),
            x.square().sum(dim: 0).MoveToOuterDisposeScope());
    }

    /// <summary>‖X(W − Ŵ)ᵀ‖²_F in float64.</summary>
    public double ReconstructionError(torch.Tensor pruned)
    {
        using var scope = torch.NewDisposeScope();
        var delta = Weight.to(torch.float64) - pruned.to(torch.float64);
        return Activations.matmul(delta.T).square().sum().ToDouble();
    }

    public void Dispose()
    {
        Activations.Dispose();
        Weight.Dispose();
        Gram.Dispose();
        SquaredNorms.Dispose();
    }
}
