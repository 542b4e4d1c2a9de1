using System.Globalization;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>Checks that need the layer's shape: N:M groups must tile its inputs, and OATS's rank must fit.</summary>
internal static class ShapeChecks
{
    public static void Check(LayerDescriptor layer, MethodDefinition method, LayerSettings settings, IReadOnlyDictionary<string, object> options, LayerDiagnostics diagnostics)
    {
        var target = settings.Target!;
        if (target.Value is PruneTarget.Pattern { Ratio: var pattern })
        {
            CheckPattern(layer, method, pattern, target.Position, settings, options, diagnostics);
        }

        if (method.Name == MethodNames.Oats)
        {
            CheckOatsRank(layer, target, settings, (double)options[OptionNames.RankRatio], diagnostics);
        }
    }

    private static void CheckPattern(LayerDescriptor layer, MethodDefinition method, NmPattern pattern, SourcePosition position, LayerSettings settings, IReadOnlyDictionary<string, object> options, LayerDiagnostics diagnostics)
    {
        if (layer.InFeatures % pattern.M != 0)
        {
            diagnostics.Error(DiagnosticCodes.PatternDoesNotDivide, position, Invariant($"pattern {pattern}: groups of {pattern.M} do not tile the layer's {layer.InFeatures} inputs."), layer.Name);
        }

        if (method.Name == MethodNames.SparseGpt && (long)options[OptionNames.BlockSize] % pattern.M != 0)
        {
            var where = settings.Options.TryGetValue(OptionNames.BlockSize, out var written) ? written.Position : position;
            diagnostics.Error(DiagnosticCodes.BlockSizeNotMultiple, where, Invariant($"sparsegpt's blocksize {options[OptionNames.BlockSize]} must be a multiple of the pattern's group size {pattern.M}."), layer.Name);
        }
    }

    /// <summary>docs/methods.md §4: r = floor(κ·density·d_out·d_in / (d_out + d_in)), density 1 − ρ, or (N/M)/(1 − κ) for a pattern.</summary>
    private static void CheckOatsRank(LayerDescriptor layer, Located<PruneTarget> target, LayerSettings settings, double rankRatio, LayerDiagnostics diagnostics)
    {
        var pattern = (target.Value as PruneTarget.Pattern)?.Ratio;
        var density = pattern is { } p ? (double)p.N / p.M / (1 - rankRatio) : 1 - target.Value.Fraction;
        var position = settings.Options.TryGetValue(OptionNames.RankRatio, out var written) ? written.Position : target.Position;
        if (density > 1)
        {
            diagnostics.Error(DiagnosticCodes.OatsRankTooLarge, position, Invariant($"OATS with rank_ratio {rankRatio} and pattern {pattern} would keep {density:0.###} of the layer's parameters: the low-rank part cannot fit; lower rank_ratio or N."), layer.Name);
            return;
        }

        var rank = Math.Floor(rankRatio * density * layer.OutFeatures * layer.InFeatures / (layer.OutFeatures + layer.InFeatures));
        if (rank == 0 && rankRatio > 0)
        {
            diagnostics.Warning(DiagnosticCodes.OatsRankZero, position, Invariant($"OATS's rank rounds to 0 for a {layer.OutFeatures}×{layer.InFeatures} layer with rank_ratio {rankRatio}; only the sparse part is kept."), layer.Name);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
