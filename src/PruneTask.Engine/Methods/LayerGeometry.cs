using PruneTask.Engine.Models;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Methods;

/// <summary>
/// What a layer's place in the model adds to its method's options; the engine derives it, no recipe sets it.
/// <see cref="GroupSize"/>: the inputs one structured group spans (1 for MLP neurons, head_dim for attention heads,
/// from the option <c>groups</c>). <see cref="PartRows"/>: for a fused linear (Phi-3's qkv_proj, gate_up_proj) that OATS
/// decomposes part by part, each part's row count; null otherwise.
/// </summary>
public sealed record LayerGeometry(int GroupSize, IReadOnlyList<long>? PartRows)
{
    public static LayerGeometry Plain { get; } = new(1, null);

    public static LayerGeometry For(MethodOptions options, ModelConfig config, LinearSpec spec)
    {
        var heads = options.Method.FindOption(OptionNames.Groups) is not null && options.Choice(OptionNames.Groups) == StructuredGroups.Heads;
        var parts = options.Method.Name == MethodNames.Oats && spec.Parts.Count > 1 ? spec.Parts.Select(p => p.Rows).ToArray() : null;
        return new LayerGeometry(heads ? config.HeadDim : 1, parts);
    }
}
