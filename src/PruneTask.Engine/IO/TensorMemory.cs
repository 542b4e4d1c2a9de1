using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>Raw access to the storage of contiguous CPU tensors.</summary>
internal static unsafe class TensorMemory
{
    public static long ByteLength(torch.Tensor tensor) => tensor.NumberOfElements * tensor.ElementSize;

    /// <summary>
    /// The address of the tensor's first byte, or null when it has no elements. Valid while the tensor lives.
    /// TorchSharp exposes data only as a Span limited to 2 GB, so the address is taken from a one-element view.
    /// </summary>
    public static byte* DataPointer(torch.Tensor tensor)
    {
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
            throw new ArgumentException("the tensor must be contiguous and on the CPU", nameof(tensor));
        if (tensor.NumberOfElements == 0)
            return null;
        using var flat = tensor.view(-1);
        using var first = flat.narrow(0, 0, 1);
        fixed (byte* data = first.bytes)
            return data;
    }

    /// <summary>A contiguous CPU tensor with the same values: a new reference to the same storage when it already is one.</summary>
    public static torch.Tensor ContiguousCpu(torch.Tensor tensor)
    {
        using var cpu = tensor.cpu();
        return cpu.contiguous();
    }
}
