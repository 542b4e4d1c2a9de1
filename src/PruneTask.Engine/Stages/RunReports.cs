using PruneTask.Engine.Caching;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Stages;

/// <summary>Assembles report.json from the stages' results.</summary>
public static class RunReports
{
    public static RunReport Build(
        PrunePlan plan, PrunableModel model, PruningResult pruning, EvaluationReport? evaluation,
        IReadOnlyDictionary<string, StageFigures> stages, long physicallyRemoved)
    {
        var layers = pruning.LayerReports;
        var total = plan.Model.ParameterCount;
        var zeros = layers.Sum(l => (long)Math.Round(l.AchievedSparsity * l.ParametersBefore));
        var removed = layers.Sum(l => l.ParametersBefore - l.ParametersAfter);
        return new RunReport
        {
            ToolVersion = ToolVersion.Current,
            Recipe = plan.Recipe.Path,
            Model = plan.Recipe.Model.Path.Value,
            Architecture = model.Config.Architecture,
            Layers = layers,
            Blocks = pruning.BlockReports,
            Evaluation = evaluation,
            Stages = stages,
            Totals = new RunTotals
            {
                ParametersBefore = total,
                ParametersAfter = total - removed,
                ZerosInDense = zeros,
                PhysicallyRemoved = physicallyRemoved,
                StatisticsHits = pruning.BlockReports.Count(b => b.StatisticsCache == "hit"),
                StatisticsMisses = pruning.BlockReports.Count(b => b.StatisticsCache == "miss"),
                LayerHits = layers.Count(l => l.Cache == "hit"),
                LayerMisses = layers.Count(l => l.Cache == "miss"),
            },
        };
    }
}
