using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class TensorSourceExtensionsTests
{
    [Theory]
    [InlineData(torch.ScalarType.BFloat16)]
    [InlineData(torch.ScalarType.Float16)]
    [InlineData(torch.ScalarType.Float64)]
    [InlineData(torch.ScalarType.Float32)]
    public void LoadFloat32_converts_any_float_dtype_to_float32(torch.ScalarType stored)
    {
        using var values = torch.tensor(new[] { 1.5f, -2.25f, 1024f }).to_type(stored);
        using var source = new InMemoryTensorSource([KeyValuePair.Create("w", values)]);

        using var loaded = source.LoadFloat32("w");

        Assert.Equal(torch.float32, loaded.dtype);
        Assert.Equal(new[] { 1.5f, -2.25f, 1024f }, loaded.data<float>().ToArray());
    }

    [Fact]
    public void OpenRawBytes_of_an_in_memory_tensor_streams_its_storage()
    {
        using var values = torch.tensor(new short[] { 1, -1, 258 });
        using var source = new InMemoryTensorSource([KeyValuePair.Create("w", values)]);
        using var copy = new MemoryStream();

        using (var raw = source.OpenRawBytes("w"))
            raw.CopyTo(copy);

        Assert.Equal(new byte[] { 1, 0, 255, 255, 2, 1 }, copy.ToArray());
    }
}
