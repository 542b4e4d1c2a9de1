using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruneTask.Examples.ModelMaker;

/// <summary>Llama's RMSNorm with a learned scale named "weight".</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public RmsNorm(int size, double eps) : base("norm")
    {
        weight = new Parameter(ones(size));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x * (x.pow(2).mean([-1L], keepdim: true) + _eps).rsqrt() * weight;
}
