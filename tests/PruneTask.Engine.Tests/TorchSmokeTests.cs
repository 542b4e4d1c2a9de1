using TorchSharp;

namespace PruneTask.Engine.Tests;

public class TorchSmokeTests
{
    [Fact]
    public void Libtorch_loads_and_factorises()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(64, 64, dtype: torch.float64);
        var h = a.matmul(a.T) + torch.eye(64, dtype: torch.float64);
        var l = torch.linalg.cholesky(h);
        Assert.True(torch.allclose(l.matmul(l.T), h, rtol: 1e-10, atol: 1e-10));
    }
}
