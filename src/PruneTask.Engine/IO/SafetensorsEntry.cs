using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// One tensor to write: its name, dtype and shape (known before any data is written, since they go in the header)
/// and a callback that writes exactly its stored bytes when its turn comes.
/// </summary>
public sealed class SafetensorsEntry
{
    /// <param name="writeData">Writes the tensor's bytes, little-endian and row-major; the writer checks the count.</param>
    public SafetensorsEntry(string name, TensorDtype dtype, IReadOnlyList<long> shape, Action<Stream> writeData)
    {
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] has a negative size", nameof(shape));
        Name = name;
        Dtype = dtype;
        Shape = shape.ToArray();
        ByteLength = checked(Shape.Aggregate(1L, (a, b) => a * b) * dtype.ElementSize());
        WriteData = writeData;
    }

    public string Name { get; }

    public TensorDtype Dtype { get; }

    public IReadOnlyList<long> Shape { get; }

    public long ByteLength { get; }

    internal Action<Stream> WriteData { get; }

    /// <summary>Writes <paramref name="tensor"/>, which must stay alive until the write finishes; it is not disposed.</summary>
    public static SafetensorsEntry FromTensor(string name, torch.Tensor tensor) =>
        new(name, TensorDtypes.FromScalarType(tensor.dtype), tensor.shape, stream =>
        {
            using var bytes = TensorByteStream.Of(tensor);
            bytes.CopyTo(stream);
        });

    /// <summary>
    /// Calls <paramref name="produce"/> only when this tensor's turn comes, writes the tensor it returns and disposes it
    /// (with every tensor <paramref name="produce"/> created on the way), so only one such tensor is in memory at a time.
    /// </summary>
    public static SafetensorsEntry Deferred(string name, TensorDtype dtype, IReadOnlyList<long> shape, Func<torch.Tensor> produce) =>
        new(name, dtype, shape, stream =>
        {
            using var scope = torch.NewDisposeScope();
            using var tensor = produce();
            var produced = TensorDtypes.FromScalarType(tensor.dtype);
            if (produced != dtype || !tensor.shape.SequenceEqual(shape))
                throw new InvalidOperationException(
                    $"tensor '{name}': produced {produced} [{string.Join(", ", tensor.shape)}], " +
                    $"but the header promises {dtype} [{string.Join(", ", shape)}]");
            using var bytes = TensorByteStream.Of(tensor);
            bytes.CopyTo(stream);
        });

    /// <summary>Copies a tensor's stored bytes from <paramref name="source"/> unchanged (any dtype, bit for bit), optionally renamed.</summary>
    public static SafetensorsEntry CopyOf(ITensorSource source, string name, string? newName = null)
    {
        var info = source.Info(name);
        return new(newName ?? name, info.Dtype, info.Shape, stream =>
        {
            using var bytes = source.OpenRawBytes(name);
            bytes.CopyTo(stream);
        });
    }
}
