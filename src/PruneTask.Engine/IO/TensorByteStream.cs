using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>A read-only stream over a tensor's stored bytes that keeps the tensor alive and disposes it with the stream.</summary>
internal sealed unsafe class TensorByteStream : UnmanagedMemoryStream
{
    private readonly torch.Tensor _tensor;

    private TensorByteStream(torch.Tensor contiguousCpu)
        : base(TensorMemory.DataPointer(contiguousCpu), TensorMemory.ByteLength(contiguousCpu))
    {
        _tensor = contiguousCpu;
    }

    /// <summary>Streams the bytes of <paramref name="tensor"/> (copied to the CPU and made contiguous if needed) without taking ownership of it.</summary>
    public static Stream Of(torch.Tensor tensor)
    {
        // UnmanagedMemoryStream refuses a null address, which is what a tensor without elements has.
        if (tensor.NumberOfElements == 0)
            return new MemoryStream([], writable: false);
        var contiguous = TensorMemory.ContiguousCpu(tensor);
        try
        {
            return new TensorByteStream(contiguous);
        }
        catch
        {
            contiguous.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _tensor.Dispose();
    }
}
