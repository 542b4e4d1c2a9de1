using PruneTask.Engine.Calibration;
using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using PruneTask.Tests.Common;
using TorchSharp;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Tests.Models;

/// <summary>
/// GPT-2's Conv1D stores W as [in, out]. A method must see it as the [out, in] Linear it computes, and the pruned
/// weight must go back as [in, out]: pruning the Conv1D and pruning its transposed copy as a Linear agree exactly.
/// </summary>
public class Conv1DOrientationTests
{
    private const string Layer = "transformer.h.0.mlp.c_fc";

    public static TheoryData<string> Methods => new() { Wanda.MethodName, SparseGpt.MethodName };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Pruning_a_Conv1D_equals_pruning_its_transposed_copy_as_a_Linear(string method)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(RepositoryPaths.Fixture("models", "tiny-gpt2"));
        var conv = model.Linear(Layer);
        using var statistics = InputStatistics(model, conv);
        using var linearSource = TransposedCopy(model.Weights, conv.Spec);
        using var linear = new LinearLayer(conv.Spec with { Name = "fc", StoredLayout = WeightLayout.OutIn }, linearSource);
        var pruning = method == Wanda.MethodName ? (PruningMethod)new Wanda() : new SparseGpt();

        using var fromConv = pruning.Prune(new LayerPruneRequest(conv.ReadWeight(), statistics, new PruneTarget.Sparsity(0.5), MethodOptions.Defaults(method)));
        using var fromLinear = pruning.Prune(new LayerPruneRequest(linear.ReadWeight(), statistics, new PruneTarget.Sparsity(0.5), MethodOptions.Defaults(method)));
        conv.ReplaceWeight(fromConv.Weight);
        linear.ReplaceWeight(fromLinear.Weight);

        Assert.Equal([256L, 64L], fromConv.Weight.shape);
        Assert.True(fromConv.Weight.eq(fromLinear.Weight).all().item<bool>(), "the Conv1D and the Linear were pruned differently");
        Assert.Equal(0.5, fromConv.Weight.eq(0).to(torch.float64).mean().item<double>(), 3);
        var stored = conv.ToStoredWeight();
        Assert.Equal([64L, 256L], stored.shape);
        Assert.True(stored.eq(linear.ToStoredWeight().t()).all().item<bool>(), "the Conv1D was not written back as [in, out]");
        var x = torch.randn(2, 5, 64, generator: new torch.Generator(3));
        Assert.True(conv.call(x).allclose(linear.call(x), rtol: 0, atol: 1e-6), "the pruned Conv1D and Linear compute different outputs");
    }

    /// <summary>The statistics of the layer's real input on two sequences of the fixture (the accumulator hands its sums over).</summary>
    private static LayerStatistics InputStatistics(PrunableModel model, LinearLayer layer)
    {
        var accumulator = new InputStatisticsAccumulator(layer.Spec.InFeatures, StatisticsNeed.Gram);
        using var reference = SafetensorsFile.Open(RepositoryPaths.Fixture("models", "tiny-gpt2", "reference.safetensors"));
        void Observe(LinearLayer linear, torch.Tensor x) => accumulator.Add(x);
        layer.InputObserver += Observe;
        try
        {
            model.Forward(reference.Load("input_ids")).Dispose();
        }
        finally
        {
            layer.InputObserver -= Observe;
        }

        return accumulator.ToStatistics();
    }

    private static InMemoryTensorSource TransposedCopy(ITensorSource weights, LinearSpec spec) => new(
    [
        KeyValuePair.Create("fc.weight", weights.Load(spec.WeightName).t().contiguous()),
        KeyValuePair.Create("fc.bias", weights.Load(spec.BiasName!)),
    ]);
}
