using System.CommandLine;
using System.Text.Json;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune report OUTPUT…</c>: compares pruned output folders from their report.json; with two folders also
/// every layer's differences, with one folder and <c>--format markdown|html</c> that run's full report. A folder
/// without report.json gets an error line and the others are still shown; the exit code is 2 only when none could be read.
/// </summary>
public static class ReportCommand
{
    private static readonly string[] _formats = ["table", "json", "markdown", "html"];

    public static Command Create()
    {
        var outputs = new Argument<string[]>("output") { Description = "Output folders written by `dotnet prune run`.", Arity = ArgumentArity.OneOrMore };
        outputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unknown option '{token.Value}' (an output folder cannot start with '-'; write ./{token.Value} for one that does).");
            }
        });
        var format = new Option<string>("--format", "-f") { Description = "table (default), json, markdown or html.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(_formats);
        var json = new Option<bool>("--json") { Description = "Same as --format json." };
        var command = new Command("report", "Compare pruned outputs (method, target, sparsity, error, perplexity); with two, per-layer differences.");
        command.Arguments.Add(outputs);
        command.Options.Add(format);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var runs = Read(parseResult.GetValue(outputs)!, parseResult.InvocationConfiguration.Error);
            if (runs.Count == 0)
            {
                return ExitCodes.Failed;
            }

            var comparison = RunComparison.Of(runs);
            switch (parseResult.GetValue(json) ? "json" : parseResult.GetValue(format))
            {
                case "json":
                    output.Write(ReportJson.Serialize(comparison));
                    break;
                case "markdown":
                    output.Write(runs.Count == 1 ? MarkdownReport.Render(runs[0].Report) : ComparisonTables.Of(comparison).Markdown());
                    break;
                case "html":
                    output.Write(runs.Count == 1 ? HtmlReport.Render(runs[0].Report) : ComparisonTables.Of(comparison).Html());
                    break;
                default:
                    ComparisonTables.Of(comparison).WriteTerminal(output);
                    break;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The report of every folder that has one; an error line on <paramref name="error"/> for each that has none.</summary>
    private static List<(string Output, RunReport Report)> Read(IEnumerable<string> folders, TextWriter error)
    {
        var runs = new List<(string, RunReport)>();
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, RunReport.FileName);
            try
            {
                runs.Add((folder, JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), ReportJson.Options) ?? throw new JsonException("it holds null.")));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                error.WriteLine($"{path}: error {RunErrorCodes.ReportUnreadable}: no report.json here; run `dotnet prune run` first.");
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{path}: error {RunErrorCodes.ReportUnreadable}: cannot read report.json: {e.Message}");
            }
        }

        return runs;
    }
}
