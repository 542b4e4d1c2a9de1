using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// Named tensors held in memory. It keeps its own references to the given tensors (disposed with the source;
/// the caller's stay valid) and <see cref="Load"/> returns copies, so callers may change what they load.
/// <see cref="Info"/> reports an empty file path and zero offsets.
/// </summary>
public sealed class InMemoryTensorSource : ITensorSource
{
    private readonly Dictionary<string, torch.Tensor> _tensors = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <exception cref="ArgumentException">A name is given twice, or a tensor's element type cannot be stored in safetensors.</exception>
    public InMemoryTensorSource(IEnumerable<KeyValuePair<string, torch.Tensor>> tensors)
    {
        try
        {
            foreach (var (name, tensor) in tensors)
                Add(name, tensor);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Names in the order given.</summary>
    public IReadOnlyList<string> Names => _names;

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public TensorInfo Info(string name)
    {
        var tensor = TensorOf(name);
        var dtype = TensorDtypes.FromScalarType(tensor.dtype);
        return new TensorInfo(name, dtype, Array.AsReadOnly(tensor.shape), "", 0, tensor.NumberOfElements * dtype.ElementSize());
    }

    public torch.Tensor Load(string name) => TensorOf(name).clone();

    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
            tensor.Dispose();
        _tensors.Clear();
        _names.Clear();
    }

    private void Add(string name, torch.Tensor tensor)
    {
        if (_tensors.ContainsKey(name))
            throw new ArgumentException($"tensor '{name}' is given twice", nameof(tensor));
        try
        {
            TensorDtypes.FromScalarType(tensor.dtype);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"tensor '{name}': {e.Message}", nameof(tensor), e);
        }
        _tensors.Add(name, tensor.alias().DetachFromDisposeScope());
        _names.Add(name);
    }

    private torch.Tensor TensorOf(string name) =>
        _tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"no tensor named '{name}' in memory");
}
