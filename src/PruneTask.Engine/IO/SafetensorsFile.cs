using System.Buffers.Binary;
using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// One safetensors file, memory-mapped read-only. <see cref="Open"/> reads and fully validates the header and
/// nothing else; each <see cref="Load"/> copies one tensor's bytes from the mapping into a new tensor.
/// Loads may run on several threads at once, but not while the file is being disposed.
/// </summary>
public sealed unsafe class SafetensorsFile : IRawTensorSource
{
    /// <summary>The largest header the reference implementation accepts.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private readonly MappedFile _mapped;
    private readonly Dictionary<string, TensorInfo> _byName;

    private SafetensorsFile(string path, SafetensorsHeader header, IReadOnlyList<TensorInfo> tensors, MappedFile mapped)
    {
        FilePath = path;
        Metadata = header.Metadata;
        Names = tensors.Select(t => t.Name).ToList();
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _mapped = mapped;
    }

    public string FilePath { get; }

    /// <summary>The header's <c>__metadata__</c> (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensor names in data-offset order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <exception cref="SafetensorsFormatException">The file is not a valid safetensors file.</exception>
    public static SafetensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        try
        {
            var headerLength = ReadHeaderLength(stream, path);
            var json = new byte[headerLength];
            stream.ReadExactly(json);
            var header = SafetensorsHeaderParser.Parse(json, path);
            var dataStart = sizeof(ulong) + headerLength;
            var tensors = SafetensorsLayoutValidator.Validate(header, path, dataStart, stream.Length - dataStart);
            return new SafetensorsFile(path, header, tensors, new MappedFile(stream, path));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public TensorInfo Info(string name) =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{FilePath}: no tensor named '{name}'");

    /// <exception cref="NotSupportedException">The tensor is U16, U32 or U64 (use <see cref="OpenRawBytes"/>).</exception>
    public torch.Tensor Load(string name)
    {
        var info = Info(name);
        var source = _mapped.At(info.DataOffset, info.ByteLength);
        var tensor = torch.empty(info.Shape.ToArray(), dtype: info.Dtype.ToScalarType());
        if (info.ByteLength > 0)
            Buffer.MemoryCopy(source, TensorMemory.DataPointer(tensor), info.ByteLength, info.ByteLength);
        return tensor;
    }

    public Stream OpenRawBytes(string name)
    {
        var info = Info(name);
        return new UnmanagedMemoryStream(_mapped.At(info.DataOffset, info.ByteLength), info.ByteLength);
    }

    public void Dispose() => _mapped.Dispose();

    private static long ReadHeaderLength(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < sizeof(ulong))
            throw new SafetensorsFormatException(path,
                $"file is truncated: {fileLength} bytes, too short for the 8-byte header length");
        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw new SafetensorsFormatException(path,
                $"header length {headerLength} exceeds the {MaxHeaderLength / 1_000_000} MB limit");
        if (headerLength > (ulong)(fileLength - sizeof(ulong)))
            throw new SafetensorsFormatException(path,
                $"header length {headerLength} exceeds the file size ({fileLength} bytes)");
        return (long)headerLength;
    }
}
