using PruneTask.Engine.IO;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>A LayerNorm over the last dimension whose affine weight and bias (when it has them) are read lazily.</summary>
internal sealed class LayerNormWeights : IBlockNorm
{
    private readonly LazyTensor? _weight;
    private readonly LazyTensor? _bias;
    private readonly long _size;
    private readonly double _eps;

    /// <param name="name">Module name; its tensors are name.weight and name.bias.</param>
    /// <param name="affine">Whether the checkpoint holds the weight and bias (layer_norm_elementwise_affine).</param>
    public LayerNormWeights(ITensorSource weights, string name, long size, bool affine, double eps)
    {
        _size = size;
        _eps = eps;
        if (affine)
        {
            CheckpointTensors.Require(weights, name + ".weight", size);
            CheckpointTensors.Require(weights, name + ".bias", size);
            _weight = new LazyTensor(weights, name + ".weight");
            _bias = new LazyTensor(weights, name + ".bias");
        }
    }

    public IEnumerable<LazyTensor> Tensors => new[] { _weight, _bias }.OfType<LazyTensor>();

    public Tensor Apply(Tensor x) => nn.functional.layer_norm(x, [_size], _weight?.Value, _bias?.Value, _eps);
}
