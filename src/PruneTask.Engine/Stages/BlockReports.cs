using PruneTask.Engine.Reporting;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Engine.Stages;

/// <summary>Builds a block's row of the report: OWL's outlier ratio and the targets its layers got.</summary>
public static class BlockReports
{
    public static BlockReport For(int block, IReadOnlyList<ResolvedLayer> planned, AllocationResult allocation, BlockPruneResult result) => new()
    {
        Block = block,
        OutlierRatio = allocation.OutlierRatios.TryGetValue(block, out var ratio) ? Math.Round(ratio, 6) : null,
        Target = string.Join(", ", planned.Select(l => ReportText.Target(allocation.Targets[l.Name])).Distinct()),
        Fraction = MeanFraction(planned.Select(l => allocation.Targets[l.Name]).Select(t => t is PruneTarget.Pattern ? (double?)null : t.Fraction)),
        StatisticsCache = result.StatisticsKey is null ? "none" : result.StatisticsHit ? "hit" : "miss",
    };

    private static double? MeanFraction(IEnumerable<double?> fractions)
    {
        var known = fractions.OfType<double>().ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 6);
    }
}
