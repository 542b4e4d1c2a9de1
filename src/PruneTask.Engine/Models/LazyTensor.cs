using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Models;

/// <summary>
/// One checkpoint tensor, read as float32 when first used and kept until <see cref="Release"/>.
/// The held tensor belongs to no dispose scope, so loading it inside a forward pass does not free it at scope end.
/// </summary>
public sealed class LazyTensor : IDisposable
{
    private readonly ITensorSource _source;
    private readonly bool _transpose;
    private torch.Tensor? _value;

    /// <param name="transpose">Read a 2-D tensor transposed (GPT-2's Conv1D stores [in, out]).</param>
    public LazyTensor(ITensorSource source, string name, bool transpose = false)
    {
        _source = source;
        _transpose = transpose;
        Name = name;
    }

    public string Name { get; }

    public bool IsLoaded => _value is not null;

    /// <summary>The float32 tensor; read on first access. Valid until <see cref="Release"/>; do not dispose it.</summary>
    public torch.Tensor Value => _value ??= Read().DetachFromDisposeScope();

    /// <summary>
    /// A fresh float32 copy that the caller owns, read from the source (not from <see cref="Value"/>).
    /// Throws <see cref="NonFiniteWeightsException"/> when it holds NaN or Inf.
    /// </summary>
    public torch.Tensor Read()
    {
        using var scope = torch.NewDisposeScope();
        var value = ComputeDevice.Place(_source.LoadFloat32(Name));
        FiniteWeights.Require(value, Name);
        return (_transpose ? value.t().contiguous() : value).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rows <paramref name="indices"/> (int64 [n]) of a 2-D tensor as float32 [n, columns], without keeping the tensor:
    /// unless it is loaded already, the rows are selected from the stored dtype and only they are converted, so an
    /// embedding table never exists in float32. The result belongs to the caller's dispose scope.
    /// </summary>
    public torch.Tensor Rows(torch.Tensor indices)
    {
        if (_value is not null || _transpose)
        {
            return Value.index_select(0, indices);
        }

        using var stored = _source.Load(Name);
        using var rows = stored.index_select(0, indices);
        return ComputeDevice.Place(rows.to_type(torch.float32));
    }

    public void Release()
    {
        _value?.Dispose();
        _value = null;
    }

    public void Dispose() => Release();
}
