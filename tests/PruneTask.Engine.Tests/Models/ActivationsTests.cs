using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class ActivationsTests
{
    [Fact]
    public void Gelu_new_is_the_tanh_approximation_and_gelu_the_exact_one()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.linspace(-4, 4, 17);
        var tanhForm = 0.5 * x * (1 + torch.tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3))));
        var exactForm = 0.5 * x * (1 + torch.special.erf(x / Math.Sqrt(2)));

        TensorAssert.Close(tanhForm, Activations.Resolve("gelu_new", "hidden_act")(x), 1e-6);
        TensorAssert.Close(exactForm, Activations.Resolve("gelu", "hidden_act")(x), 1e-6);
        TensorAssert.Close(x.clamp_min(0), Activations.Resolve("relu", "hidden_act")(x), 0);
    }

    [Fact]
    public void An_unknown_activation_names_the_config_key_and_the_supported_ones()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => Activations.Resolve("mish", "activation_function"));

        Assert.Equal(
            "config.json: activation_function 'mish' is not supported. Supported: gelu, gelu_new, gelu_pytorch_tanh, relu, silu, swish.",
            error.Message);
    }
}
