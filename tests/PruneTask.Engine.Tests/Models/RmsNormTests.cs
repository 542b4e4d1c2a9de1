using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class RmsNormTests
{
    [Fact]
    public void Apply_divides_by_the_root_mean_square_and_scales_by_the_weight()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 3f, 4f });
        var rms = (float)Math.Sqrt((9 + 16) / 2.0 + 0.5);

        var normed = RmsNorm.Apply(x, torch.tensor(new[] { 1f, 2f }), eps: 0.5);

        TensorAssert.Close(torch.tensor(new[] { 3 / rms, 8 / rms }), normed, 1e-6);
    }
}
