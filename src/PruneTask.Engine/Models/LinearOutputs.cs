using static TorchSharp.torch;

namespace PruneTask.Engine.Models;

/// <summary>
/// Reads a block's linears by role, whether a role has a linear of its own or is one part of a fused linear (the
/// features of the rows <see cref="LinearSpec.Parts"/> gives that role).
/// </summary>
internal static class LinearOutputs
{
    /// <summary>The linear whose role is exactly <paramref name="role"/>.</summary>
    public static LinearLayer Single(IReadOnlyList<LinearLayer> linears, LinearRole role) => linears.Single(l => l.Spec.Role == role);

    /// <summary>The output of each role for input <paramref name="x"/>, in the order asked; a fused linear is called once.</summary>
    public static Tensor[] ByRole(IReadOnlyList<LinearLayer> linears, Tensor x, params LinearRole[] roles)
    {
        var called = new Dictionary<LinearLayer, Tensor>();
        return roles.Select(role =>
        {
            var linear = linears.Single(l => l.Spec.Role.HasFlag(role));
            if (!called.TryGetValue(linear, out var output))
            {
                output = linear.call(x);
                called.Add(linear, output);
            }

            return linear.Spec.Role == role ? output : Part(output, linear.Spec, role);
        }).ToArray();
    }

    /// <param name="output">The linear's output [..., OutFeatures].</param>
    public static Tensor Part(Tensor output, LinearSpec spec, LinearRole role)
    {
        var part = spec.Parts.SingleOrDefault(p => p.Role == role)
            ?? throw new ArgumentException($"{spec.Name} has no {role} part.", nameof(role));
        return output.narrow(-1, part.FirstRow, part.Rows);
    }
}
