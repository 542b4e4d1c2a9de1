using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>The MLP activations of config.json ("hidden_act", "activation_function") by their Hugging Face names.</summary>
internal static class Activations
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> ByName = new(StringComparer.Ordinal)
    {
        ["relu"] = x => nn.functional.relu(x),
        ["silu"] = x => nn.functional.silu(x),
        ["swish"] = x => nn.functional.silu(x),
        ["gelu"] = x => x.gelu(),
        ["gelu_new"] = x => x.gelu(TorchSharp.Modules.GELU.Approximate.tanh),
        ["gelu_pytorch_tanh"] = x => x.gelu(TorchSharp.Modules.GELU.Approximate.tanh),
    };

    public static Func<Tensor, Tensor> Resolve(string name, string configKey) =>
        ByName.TryGetValue(name, out var activation)
            ? activation
            : throw new UnsupportedModelException(
                $"config.json: {configKey} '{name}' is not supported. Supported: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.");
}
