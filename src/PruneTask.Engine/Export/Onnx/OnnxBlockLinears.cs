using PruneTask.Engine.Models;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>
/// The prunable linears of one block in a graph: each linear is computed once, and a role reads its rows of the output
/// (one part of a fused linear such as Phi-3's qkv_proj or GPT-2's c_attn, or the whole output of a plain one).
/// </summary>
internal sealed class OnnxBlockLinears(OnnxDecoder decoder, TransformerBlock block, FactoredWeights? factored)
{
    private readonly Dictionary<LinearLayer, string> _outputs = [];

    /// <summary>The rows of the linear serving <paramref name="role"/>, computed from <paramref name="input"/> the first time.</summary>
    public string Output(LinearRole role, string input)
    {
        var linear = block.Linears.Single(l => (l.Spec.Role & role) == role);
        if (!_outputs.TryGetValue(linear, out var output))
        {
            output = decoder.Linear(input, linear, factored);
            _outputs[linear] = output;
        }

        return decoder.Part(output, linear.Spec, role);
    }
}

/// <summary>One block as a graph builds it: its module name (e.g. model.layers.3), index, linears and sizes.</summary>
internal sealed record OnnxBlock(string Name, int Index, OnnxBlockLinears Linears, BlockShape Shape);
