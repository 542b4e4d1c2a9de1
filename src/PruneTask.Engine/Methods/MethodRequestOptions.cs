using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Turns a resolved layer's recipe options and target into what a method reads: structured methods get
/// <c>keep</c> and a <c>group_size</c> (1 for neurons, the head size for heads) instead of the recipe's <c>groups</c> choice;
/// OATS on a fused linear (Phi-3's qkv_proj, gate_up_proj) gets <c>part_rows</c>, the row count of each part, so every
/// part is decomposed on its own.
/// </summary>
public static class MethodRequestOptions
{
    public static IReadOnlyDictionary<string, object> For(ResolvedLayer layer, LayerTarget target, ModelConfig config, LinearSpec spec)
    {
        var options = new SortedDictionary<string, object>(layer.Options.ToDictionary(), StringComparer.Ordinal);
        if (layer.Target?.Kind == TargetKind.Keep)
        {
            options["keep"] = target.Fraction ?? 1.0;
        }

        if (options.Remove("groups", out var groups))
        {
            options["group_size"] = groups as string == "heads" ? (long)config.HeadDim : 1L;
        }

        if (layer.Method == OatsMethod.MethodName && spec.Parts.Count > 1)
        {
            options[OatsMethod.PartRowsOption] = string.Join(",", spec.Parts.Select(p => p.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return options;
    }

    /// <summary>The sparsity a method is asked for: none for a pattern, and none for a keep target (carried as an option).</summary>
    public static double? Sparsity(ResolvedLayer layer, LayerTarget target) =>
        target.Pattern is null && layer.Target?.Kind != TargetKind.Keep ? target.Fraction : null;
}
