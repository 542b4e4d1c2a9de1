using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

/// <summary>Tensors filled with arbitrary bit patterns (NaN payloads, subnormals and all), for bit-exact round trips.</summary>
public static class WrittenBytes
{
    public static torch.Tensor Tensor(TensorDtype dtype, long[] shape, int seed)
    {
        var tensor = torch.empty(shape, dtype: dtype.ToScalarType());
        var bytes = new byte[tensor.NumberOfElements * tensor.ElementSize];
        new Random(seed).NextBytes(bytes);
        if (dtype == TensorDtype.BOOL)
            bytes = bytes.Select(b => (byte)(b & 1)).ToArray();
        tensor.bytes = bytes;
        return tensor;
    }
}
