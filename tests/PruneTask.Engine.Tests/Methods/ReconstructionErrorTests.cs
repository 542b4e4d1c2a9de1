using PruneTask.Engine.Methods;
using PruneTask.Recipes.Model;
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
        PruneTarget pruneTarget = target == "2:4" ? new PruneTarget.Pattern(new NmPattern(2, 4)) : new PruneTarget.Sparsity(double.Parse(target, System.Globalization.CultureInfo.InvariantCulture));
        LayerPruneRequest Request(PruningMethod method) => new(weight, statistics, pruneTarget, MethodOptions.Defaults(method.Name));

        using var magnitude = new Magnitude().Prune(Request(new Magnitude()));
        using var wanda = new Wanda().Prune(Request(new Wanda()));
        using var sparseGpt = new SparseGpt().Prune(Request(new SparseGpt()));
        var magnitudeError = SyntheticLayer.ReconstructionError(x, weight, magnitude.Weight);
        var wandaError = SyntheticLayer.ReconstructionError(x, weight, wanda.Weight);
        var sparseGptError = SyntheticLayer.ReconstructionError(x, weight, sparseGpt.Weight);

        Assert.True(wandaError < magnitudeError, $"Wanda {wandaError} vs magnitude {magnitudeError}");
        Assert.True(sparseGptError < wandaError, $"SparseGPT {sparseGptError} vs Wanda {wandaError}");
    }
}
