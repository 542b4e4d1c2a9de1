using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class LazyTensorTests
{
    [Fact]
    public void Value_is_read_once_as_float32_outlives_dispose_scopes_and_is_freed_by_release()
    {
        var stored = torch.tensor(new[] { 1.5f, -2f }).to(torch.bfloat16);
        using var source = new InMemoryTensorSource([new("w", stored)]);
        using var lazy = new LazyTensor(source, "w");
        Assert.False(lazy.IsLoaded);

        torch.Tensor first;
        using (torch.NewDisposeScope())
        {
            first = lazy.Value;
        }

        Assert.Same(first, lazy.Value);
        Assert.Equal(torch.float32, first.dtype);
        Assert.Equal([1.5f, -2f], first.data<float>().ToArray());
        lazy.Release();
        Assert.False(lazy.IsLoaded);
        Assert.Throws<InvalidOperationException>(() => first.shape);
    }

    [Fact]
    public void A_transposed_tensor_is_read_as_its_contiguous_transpose()
    {
        using var scope = torch.NewDisposeScope();
        var stored = torch.tensor(new[] { 0.0, 1, 2, 3, 4, 5 }).reshape(2, 3);
        using var source = new InMemoryTensorSource([new("w", stored)]);
        using var lazy = new LazyTensor(source, "w", transpose: true);

        var read = lazy.Read();

        TensorAssert.Equal(stored.t().to(torch.float32), read);
        Assert.True(read.is_contiguous());
    }
}
