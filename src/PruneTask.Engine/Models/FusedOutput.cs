using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>Reads one part of a fused linear's output: the features of the rows <see cref="LinearSpec.Parts"/> gives that role.</summary>
internal static class FusedOutput
{
    /// <param name="output">The linear's output [..., OutFeatures].</param>
    public static Tensor Part(Tensor output, LinearSpec spec, LinearRole role)
    {
        var part = spec.Parts.SingleOrDefault(p => p.Role == role)
            ?? throw new ArgumentException($"{spec.Name} has no {role} part.", nameof(role));
        return output.narrow(-1, part.FirstRow, part.Rows);
    }
}
