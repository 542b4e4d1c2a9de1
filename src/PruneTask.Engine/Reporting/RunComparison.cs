namespace PruneTask.Engine.Reporting;

/// <summary>
/// What `dotnet prune report` compares: one summary row per run and, for exactly two runs, every layer's sparsity
/// and reconstruction error side by side (layers matched by name; a layer one run lacks has nulls on that side).
/// </summary>
public sealed record RunComparison(IReadOnlyList<RunRow> Runs, IReadOnlyList<LayerDifference> LayerDifferences)
{
    public static RunComparison Of(IReadOnlyList<(string Output, RunReport Report)> runs)
    {
        var rows = runs.Select(r => RunRow.Of(r.Output, r.Report)).ToList();
        return new RunComparison(rows, runs.Count == 2 ? LayerDifference.Between(runs[0].Report, runs[1].Report) : []);
    }
}

/// <summary>One run in the comparison.</summary>
public sealed record RunRow(
    string Output, string Methods, string Targets, double? Sparsity, double? MeanError,
    double? PerplexityDense, double? PerplexityPruned, double? PerplexityChange, bool? GatePassed)
{
    public static RunRow Of(string output, RunReport report) => new(
        output, ReportText.Methods(report), ReportText.Targets(report), ReportText.Sparsity(report), ReportText.MeanError(report),
        report.Evaluation?.Dense, report.Evaluation?.Pruned, report.Evaluation?.RelativeChange, report.QualityGate?.Passed);
}

/// <summary>A layer in two runs: A is the first folder given, B the second.</summary>
public sealed record LayerDifference(string Layer, double? SparsityA, double? SparsityB, double? ErrorA, double? ErrorB)
{
    public double? SparsityChange => SparsityB - SparsityA;

    public double? ErrorChange => ErrorB - ErrorA;

    public static IReadOnlyList<LayerDifference> Between(RunReport a, RunReport b)
    {
        var first = a.Layers.ToDictionary(l => l.Name);
        var second = b.Layers.ToDictionary(l => l.Name);
        return [.. a.Layers.Select(l => l.Name).Concat(b.Layers.Select(l => l.Name).Where(n => !first.ContainsKey(n)))
            .Select(name => new LayerDifference(
                name,
                first.GetValueOrDefault(name)?.AchievedSparsity,
                second.GetValueOrDefault(name)?.AchievedSparsity,
                first.GetValueOrDefault(name)?.RelativeReconstructionError,
                second.GetValueOrDefault(name)?.RelativeReconstructionError))];
    }
}
