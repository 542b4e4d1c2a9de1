using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Stages;
using Spectre.Console;

namespace PruneTask.Cli.Commands;

/// <summary><c>dotnet prune report OUTPUT…</c>: one row per pruned output folder, from its report.json, to compare runs.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var outputs = new Argument<string[]>("output") { Description = "Output folders written by `dotnet prune run`.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("report", "Compare pruned outputs: method, target, sparsity and perplexity from each report.json.");
        command.Arguments.Add(outputs);
        command.SetAction(parseResult =>
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumns("output", "methods", "targets", "sparsity", "mean rel. error", "ppl dense", "ppl pruned");
            foreach (var folder in parseResult.GetValue(outputs)!)
            {
                var path = Path.Combine(folder, ExportStage.ReportFileName);
                if (!File.Exists(path))
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"{path}: error {RunErrorCodes.ReportUnreadable}: no report.json here; run `dotnet prune run` first.");
                    return ExitCodes.Failed;
                }

                RunReport report;
                try
                {
                    report = JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), ReportJson.Options) ?? throw new JsonException("it holds null.");
                }
                catch (JsonException e)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"{path}: error {RunErrorCodes.ReportUnreadable}: not a report written by `dotnet prune run`: {e.Message}");
                    return ExitCodes.Failed;
                }


                table.AddRow(Markup.Escape(folder), Distinct(report.Layers.Select(l => l.Method)), Markup.Escape(Distinct(report.Layers.Select(l => l.Target))),
                    Sparsity(report), MeanError(report), Number(report.Evaluation?.Dense), Number(report.Evaluation?.Pruned));
            }

            PlainConsole.Create(parseResult.InvocationConfiguration.Output).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Distinct(IEnumerable<string> values)
    {
        var distinct = values.Distinct().ToList();
        return distinct.Count <= 2 ? string.Join(", ", distinct) : $"{distinct[0]}, … ({distinct.Count})";
    }

    private static string Sparsity(RunReport report)
    {
        var before = report.Layers.Sum(l => l.ParametersBefore);
        return before == 0 ? "-" : (report.Layers.Sum(l => l.AchievedSparsity * l.ParametersBefore) / before).ToString("P1", CultureInfo.InvariantCulture);
    }

    private static string MeanError(RunReport report)
    {
        var errors = report.Layers.Where(l => l.RelativeReconstructionError is not null).Select(l => l.RelativeReconstructionError!.Value).ToList();
        return errors.Count == 0 ? "-" : errors.Average().ToString("F4", CultureInfo.InvariantCulture);
    }

    private static string Number(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";
}
