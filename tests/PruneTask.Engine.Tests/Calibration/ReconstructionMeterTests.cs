using PruneTask.Engine.Calibration;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Tests.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration;

public class ReconstructionMeterTests
{
    [Fact]
    public void The_relative_error_over_every_batch_is_the_float64_ratio_of_the_output_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-opt");
        // fc1 has a bias, which the pruned output includes and the reference product does not; 256 outputs and 7
        // tokens exercise the vectorised sums and their scalar tail alike (7 · 256 is no multiple of a wide vector).
        var linear = model.Linear("model.decoder.layers.0.fc1");
        var dense = linear.ReadWeight();
        var pruned = dense.mul(torch.rand(dense.shape, generator: new torch.Generator(3)).gt(RootedScalars.Half));
        linear.ReplaceWeight(pruned);
        var batches = new[] { torch.randn(1, 7, 64, generator: new torch.Generator(1)), torch.randn(2, 3, 64, generator: new torch.Generator(2)) };
        using var meter = new ReconstructionMeter();
        meter.Track(linear.Spec.Name);
        linear.OutputObserver += meter.Observe;

        foreach (var batch in batches)
        {
            linear.call(batch);
        }

        meter.Release();
        double error = 0, reference = 0;
        foreach (var batch in batches)
        {
            var x = batch.reshape(-1, 64).to(torch.float64);
            var expected = x.matmul(dense.to(torch.float64).T);
            error += expected.sub(x.matmul(pruned.to(torch.float64).T)).square().sum().item<double>();
            reference += expected.square().sum().item<double>();
        }

        Assert.Equal(Math.Sqrt(error / reference), meter.RelativeError(linear.Spec.Name)!.Value, 5);
        Assert.Null(meter.RelativeError("model.decoder.layers.0.fc2"));
    }
}
