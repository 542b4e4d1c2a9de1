using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// Describes linears that <see cref="CheckpointTensors.Linear"/> does not: fused ones (several roles stacked along the
/// output rows, as Phi-3's qkv_proj and GPT-2's c_attn) and those stored [in, out] (GPT-2's Conv1D).
/// </summary>
internal static class CheckpointLinears
{
    /// <summary>Checks the weight (in its stored orientation) and optional bias of a linear whose rows are <paramref name="parts"/>, in order.</summary>
    public static LinearSpec Describe(
        ITensorSource weights, string name, int block, IReadOnlyList<(LinearRole Role, long Rows)> parts, string inputKey, long inFeatures,
        WeightLayout layout, bool biasRequired)
    {
        var outFeatures = parts.Sum(p => p.Rows);
        var storedShape = layout == WeightLayout.InOut ? new[] { inFeatures, outFeatures } : [outFeatures, inFeatures];
        var info = CheckpointTensors.RequireFloat(CheckpointTensors.Require(weights, name + ".weight", storedShape));
        var hasBias = biasRequired
            ? CheckpointTensors.Require(weights, name + ".bias", outFeatures) is not null
            : CheckpointTensors.Optional(weights, name + ".bias", outFeatures);
        var rowRanges = new List<LinearPart>();
        var first = 0L;
        foreach (var (role, rows) in parts)
        {
            rowRanges.Add(new LinearPart(role, first, rows));
            first += rows;
        }

        var combined = parts.Aggregate(LinearRole.None, (all, p) => all | p.Role);
        return new LinearSpec(name, block, combined, inputKey, outFeatures, inFeatures, info.Dtype, layout, hasBias, rowRanges);
    }
}
