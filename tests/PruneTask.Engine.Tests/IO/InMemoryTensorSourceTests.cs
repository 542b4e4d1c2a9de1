using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class InMemoryTensorSourceTests
{
    [Fact]
    public void Lists_names_in_the_given_order_with_info_from_the_tensors()
    {
        using var b = torch.zeros(2, 3, dtype: torch.float16);
        using var a = torch.zeros(4, dtype: torch.int64);
        using var source = new InMemoryTensorSource([KeyValuePair.Create("b", b), KeyValuePair.Create("a", a)]);

        var info = source.Info("b");

        Assert.Equal(["b", "a"], source.Names);
        Assert.Equal(new TensorInfo("b", TensorDtype.F16, info.Shape, "", 0, 12), info);
        Assert.Equal([2L, 3L], info.Shape);
        Assert.True(source.Contains("a"));
        Assert.Throws<KeyNotFoundException>(() => source.Info("c"));
    }

    [Fact]
    public void Load_returns_a_copy_the_caller_may_change_and_dispose()
    {
        using var original = torch.ones(3);
        using var source = new InMemoryTensorSource([KeyValuePair.Create("w", original)]);

        using (var loaded = source.Load("w"))
            loaded.zero_();
        using var again = source.Load("w");

        Assert.Equal(new[] { 1f, 1f, 1f }, again.data<float>().ToArray());
    }

    [Fact]
    public void Disposing_the_source_leaves_the_callers_tensors_alive()
    {
        using var original = torch.ones(2);
        new InMemoryTensorSource([KeyValuePair.Create("w", original)]).Dispose();

        Assert.False(original.IsInvalid);
        Assert.Equal(2f, original.sum().item<float>());
    }

    [Fact]
    public void Duplicate_names_and_unstorable_dtypes_are_rejected()
    {
        using var t = torch.ones(2);
        using var complex = torch.ones(2, dtype: torch.complex64);

        Assert.Throws<ArgumentException>(() => new InMemoryTensorSource([KeyValuePair.Create("w", t), KeyValuePair.Create("w", t)]));
        var error = Assert.Throws<ArgumentException>(() => new InMemoryTensorSource([KeyValuePair.Create("c", complex)]));
        Assert.Contains("tensor 'c'", error.Message);
    }
}
