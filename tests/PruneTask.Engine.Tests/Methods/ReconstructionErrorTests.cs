using PruneTask.Engine.Methods;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// The mechanism the methods exist for, on correlated activations with four ×20 outlier columns: weighting by
/// activations (Wanda) beats magnitude, and refitting the kept weights (SparseGPT) beats Wanda, in ‖X(W − Ŵ)ᵀ‖².
/// </summary>
public class ReconstructionErrorTests
{
    public static TheoryData<ulong, string> Cases => new()
    {
        { 31, "0.5" }, { 32, "0.5" }, { 33, "0.5" }, { 31, "2:4" }, { 32, "2:4" }, { 33, "2:4" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sparsegpt_beats_wanda_which_beats_magnitude(ulong seed, string target)
    {
        using var scope = torch.NewDisposeScope();
        var x = SyntheticLayer.Activations(seed, 512, 128, 95, 97, 119, 124);
        var weight = SyntheticLayer.Weight(seed + 100, 64, 128);
        using var statistics = SyntheticLayer.Statistics(x, 4);
        var pattern = target.Contains(':') ? NmPattern.Parse(target) : (NmPattern?)null;
        var request = new LayerPruneRequest(weight, statistics, pattern is null ? double.Parse(target, System.Globalization.CultureInfo.InvariantCulture) : null, pattern, new Dictionary<string, object>());

        using var magnitude = new Magnitude().Prune(request);
        using var wanda = new Wanda().Prune(request);
        using var sparseGpt = new SparseGpt().Prune(request);
        var magnitudeError = SyntheticLayer.ReconstructionError(x, weight, magnitude.Weight);
        var wandaError = SyntheticLayer.ReconstructionError(x, weight, wanda.Weight);
        var sparseGptError = SyntheticLayer.ReconstructionError(x, weight, sparseGpt.Weight);

        Assert.True(wandaError < magnitudeError, $"Wanda {wandaError} vs magnitude {magnitudeError}");
        Assert.True(sparseGptError < wandaError, $"SparseGPT {sparseGptError} vs Wanda {wandaError}");
    }
}
