using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class ActivationsTests
{
    private static readonly double[] Points = Enumerable.Range(-8, 17).Select(i => i / 2.0).ToArray();

    public static TheoryData<string> Names => new() { "gelu_new", "gelu", "relu", "silu" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_activation_computes_its_formula(string name)
    {
        using var scope = torch.NewDisposeScope();
        Func<double, double> formula = name switch
        {
            "gelu_new" => x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
            "gelu" => x => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
            "relu" => x => Math.Max(x, 0),
            _ => x => x / (1 + Math.Exp(-x)),
        };

        var actual = Activations.Resolve(name, "hidden_act")(torch.tensor(Points));

        TensorAssert.Close(torch.tensor(Points.Select(formula).ToArray()), actual, 1e-6);
    }

    [Fact]
    public void An_unknown_activation_names_the_config_key_and_the_supported_ones()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => Activations.Resolve("mish", "activation_function"));

        Assert.Equal(
            "config.json: activation_function 'mish' is not supported. Supported: gelu, gelu_new, gelu_pytorch_tanh, relu, silu, swish.",
            error.Message);
    }

    /// <summary>erf by its Maclaurin series, which converges to double precision for |x| ≤ 3.</summary>
    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 60; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
