using PruneTask.Engine.Models;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Structured;
using TorchSharp;

namespace PruneTask.Engine.Stages;

/// <summary>
/// What follows structured pruning in a block: the consumers' removed groups become the block's
/// <see cref="BlockRemoval"/>, whose dead producer rows (and consumer columns) are zeroed in the model. Zeroing is
/// exact, since a dead row's output only ever meets a zero column. Report rows of the linears that changed are updated,
/// or added for producers the recipe left dense.
/// </summary>
internal static class StructuredFollowUp
{
    public static (BlockRemoval? Removal, IReadOnlyList<LayerReport> Reports) Apply(
        TransformerBlock block, BlockShape shape, int headDim, IReadOnlyList<(LayerReport Report, bool[]? RemovedGroups)> layers)
    {
        var consumers = layers.Where(l => l.RemovedGroups is not null).ToList();
        var reports = layers.Select(l => l.Report).ToList();
        if (consumers.Count == 0)
        {
            return (null, reports);
        }

        var removal = RemovalFinder.Find(
            block.Index, shape, consumers.Select(c => (block.Linears.First(l => l.Spec.Name == c.Report.Name).Spec, c.RemovedGroups!)));
        var method = string.Join("+", consumers.Select(c => c.Report.Method).Distinct());
        var cache = consumers.All(c => c.Report.Cache == "hit") ? "hit" : "miss";
        foreach (var linear in block.Linears)
        {
            var cut = LinearCut.For(linear.Spec, removal, headDim);
            if (cut.IsEmpty)
            {
                continue;
            }

            var nonzeros = Zero(linear, cut);
            var index = reports.FindIndex(r => r.Name == linear.Spec.Name);
            var count = linear.Spec.OutFeatures * linear.Spec.InFeatures;
            var sparsity = (double)(count - nonzeros) / count;
            if (index >= 0)
            {
                reports[index] = reports[index] with { AchievedSparsity = sparsity, ParametersAfter = Math.Min(reports[index].ParametersAfter, nonzeros) };
                continue;
            }

            reports.Add(new LayerReport
            {
                Name = linear.Spec.Name,
                Block = block.Index,
                Method = method,
                Target = "dead rows of removed groups",
                Shape = [linear.Spec.OutFeatures, linear.Spec.InFeatures],
                AchievedSparsity = sparsity,
                ParametersBefore = count,
                ParametersAfter = nonzeros,
                Seconds = 0,
                Cache = cache,
            });
        }

        return (removal, reports);
    }

    /// <summary>Zeroes the cut's rows and columns of the linear's weight; returns the nonzeros left.</summary>
    private static long Zero(LinearLayer linear, LinearCut cut)
    {
        using var scope = torch.NewDisposeScope();
        var weight = linear.ReadWeight();
        if (cut.Rows.Count > 0)
        {
            weight.index_fill_(0, torch.tensor(cut.Rows.ToArray(), device: weight.device), Methods.RootedScalars.Zero);
        }

        if (cut.Columns.Count > 0)
        {
            weight.index_fill_(1, torch.tensor(cut.Columns.ToArray(), device: weight.device), Methods.RootedScalars.Zero);
        }

        linear.ReplaceWeight(weight);
        return Models.Float32Scan.CountNonzero(weight);
    }
}
