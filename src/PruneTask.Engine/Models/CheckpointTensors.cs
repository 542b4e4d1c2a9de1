using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>Checks tensor headers against the shapes a config implies, so a wrong checkpoint fails before any weight is read.</summary>
internal static class CheckpointTensors
{
    public static TensorInfo Require(ITensorSource weights, string name, params long[] shape)
    {
        if (!weights.Contains(name))
        {
            throw new InvalidModelException($"Tensor '{name}' is missing from the weights.");
        }

        var info = weights.Info(name);
        if (!info.Shape.SequenceEqual(shape))
        {
            throw new InvalidModelException(
                $"Tensor '{name}' has shape [{string.Join(", ", info.Shape)}] but config.json implies [{string.Join(", ", shape)}].");
        }

        return info;
    }

    /// <summary>Rejects weights that are not plain floating point (quantized checkpoints).</summary>
    public static TensorInfo RequireFloat(TensorInfo info) => info.Dtype is TensorDtype.F32 or TensorDtype.F16 or TensorDtype.BF16 or TensorDtype.F64
        ? info
        : throw new UnsupportedModelException($"Tensor '{info.Name}' is stored as {info.Dtype}; only F32, F16, BF16 and F64 weights are supported.");

    /// <summary>Checks an optional tensor: absent is fine, present must have the shape.</summary>
    public static bool Optional(ITensorSource weights, string name, params long[] shape)
    {
        if (!weights.Contains(name))
        {
            return false;
        }

        Require(weights, name, shape);
        return true;
    }

    /// <summary>
    /// The first prefix under which <paramref name="probe"/> exists: checkpoints saved from a bare base model
    /// lack the "model." (Llama, OPT) or "transformer." (GPT-2) prefix.
    /// </summary>
    public static string ResolvePrefix(ITensorSource weights, string probe, params string[] prefixes) =>
        prefixes.FirstOrDefault(prefix => weights.Contains(prefix + probe))
        ?? throw new InvalidModelException(
            $"Tensor '{prefixes[0]}{probe}' is missing from the weights (also looked for {string.Join(", ", prefixes.Skip(1).Select(p => $"'{p}{probe}'"))}).");

    /// <summary>
    /// Describes a linear after checking its weight (in its stored orientation) and optional bias. Its rows are
    /// <paramref name="parts"/>, in order: several for a fused linear (Phi-3's qkv_proj, GPT-2's c_attn).
    /// </summary>
    public static LinearSpec Linear(
        ITensorSource weights, string name, int block, IReadOnlyList<(LinearRole Role, long Rows)> parts, string inputKey, long inFeatures,
        WeightLayout layout, bool biasRequired)
    {
        var outFeatures = parts.Sum(p => p.Rows);
        var storedShape = layout == WeightLayout.InOut ? new[] { inFeatures, outFeatures } : [outFeatures, inFeatures];
        var info = RequireFloat(Require(weights, name + ".weight", storedShape));
        var hasBias = biasRequired
            ? Require(weights, name + ".bias", outFeatures) is not null
            : Optional(weights, name + ".bias", outFeatures);
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
