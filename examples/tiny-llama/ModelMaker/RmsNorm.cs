using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>
/// Llama's RMSNorm with a learned scale named "weight", times a fixed per-channel gain that is not trained (ones unless
/// the outlier variant sets it); the saved weight is the product, so the checkpoint is a plain Llama RMSNorm.
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Tensor _gain;
    private readonly double _eps;

    public RmsNorm(int size, double eps, float[]? gain = null) : base("norm")
    {
        weight = new Parameter(ones(size));
        _gain = (gain is null ? ones(size) : tensor(gain)).DetachFromDisposeScope();
        _eps = eps;
        RegisterComponents();
    }

    /// <summary>The weight as saved: the learned scale times the fixed gain.</summary>
    public Tensor SavedWeight() => weight.detach() * _gain;

    public override Tensor forward(Tensor x) => x * (x.pow(2).mean([-1L], keepdim: true) + _eps).rsqrt() * weight * _gain;
}
